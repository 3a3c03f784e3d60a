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
    /// Photos on items that take them: `{"item": CODE, "data": BASE64}` (a `data:` URL is accepted too); the type is read
    /// from the bytes, whatever a `type` field says.
    var photos: [PhotoInput]?

    struct PhotoInput: Decodable, Sendable {
        var item: String
        var data: String
    }

    func result(shopper fallback: String?) throws(OtklikError) -> MysteryResult {
        guard let shopper = shopper ?? fallback else { throw .invalid("shopper", "name the shopper") }
        let staffCode = staff.flatMap { $0.isEmpty ? nil : $0 }
        let items = photos ?? []
        guard items.count <= MysteryPhoto.maxPerVisit else {
            throw OtklikError(.payloadTooLarge, "attach at most \(MysteryPhoto.maxPerVisit) photos to one visit", field: "photos")
        }
        var decoded: [MysteryPhoto] = []
        for (index, photo) in items.enumerated() {
            var text = Substring(photo.data)
            if text.hasPrefix("data:"), let comma = text.firstIndex(of: ",") { text = text[text.index(after: comma)...] }
            guard let data = Data(base64Encoded: String(text), options: .ignoreUnknownCharacters) else {
                throw .invalid("photos[\(index)].data", "a photo's data is base64")
            }
            decoded.append(MysteryPhoto(item: photo.item, data: data))
        }
        return MysteryResult(visit: visit, shopper: shopper, at: at ?? Date(), staff: staffCode, answers: answers, comment: comment, photos: decoded)
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
