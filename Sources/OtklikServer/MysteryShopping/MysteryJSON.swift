import Foundation
import OtklikCore

/// A planned visit as the API reads it.
struct MysteryVisitInput: Decodable, Sendable {
    var id: String
    var checklist: String
    var location: String
    var channel: String?
    var from: String
    var to: String

    func visit(timeZone: TimeZone) throws(OtklikError) -> MysteryVisit {
        guard let start = Timestamp.parse(from, dateOnlyZone: timeZone) else { throw .invalid("from", "from must be a date YYYY-MM-DD or an ISO-8601 time") }
        guard let end = Timestamp.parse(to, dateOnlyZone: timeZone) else { throw .invalid("to", "to must be a date YYYY-MM-DD or an ISO-8601 time") }
        var kind = MysteryVisit.Channel.visit
        if let channel, !channel.isEmpty {
            guard let parsed = MysteryVisit.Channel(rawValue: channel) else { throw .invalid("channel", "channel must be visit or call") }
            kind = parsed
        }
        let visit = MysteryVisit(id: id, checklist: checklist, location: location, channel: kind, from: start, to: end)
        try visit.validate()
        return visit
    }
}

/// A shopper's result as the API and the offline form send it.
struct MysteryResultInput: Decodable, Sendable {
    var visit: String
    var shopper: String?
    var at: Date?
    var staff: String?
    var answers: [String: Int]
    var comment: String?

    func result(shopper fallback: String?) throws(OtklikError) -> MysteryResult {
        guard let shopper = shopper ?? fallback else { throw .invalid("shopper", "name the shopper") }
        let staffCode = staff.flatMap { $0.isEmpty ? nil : $0 }
        return MysteryResult(visit: visit, shopper: shopper, at: at ?? Date(), staff: staffCode, answers: answers, comment: comment)
    }
}

struct MysteryVisitOutput: Encodable {
    var id: String
    var checklist: String
    var location: String
    var channel: String
    var from: Date
    var to: Date
    var reported: Bool

    init(_ visit: MysteryVisit, reported: Bool) {
        id = visit.id
        checklist = visit.checklist
        location = visit.location
        channel = visit.channel.rawValue
        from = visit.from
        to = visit.to
        self.reported = reported
    }
}
