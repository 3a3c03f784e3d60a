import Foundation

/// A planned mystery-shopping check: a visit to a location or a call to it, with a checklist, in a period; and once done,
/// the shopper's answers.
public struct MysteryVisit: Sendable, Codable, Equatable {
    public enum Channel: String, Sendable, Codable, CaseIterable {
        case visit
        case call
    }

    public var id: String
    public var checklist: String
    public var location: String
    public var channel: Channel
    /// The period in which the check is to be made: [from, to).
    public var from: Date
    public var to: Date

    public init(id: String, checklist: String, location: String, channel: Channel, from: Date, to: Date) {
        self.id = id
        self.checklist = checklist
        self.location = location
        self.channel = channel
        self.from = from
        self.to = to
    }

    public func validate() throws(OtklikError) {
        try Identifier.validate(id, field: "id")
        try Identifier.validate(checklist, field: "checklist")
        try Identifier.validate(location, field: "location")
        guard to > from else { throw .invalid("to", "to must be after from") }
    }
}

/// What the shopper recorded on one planned visit or call. Sent once per visit (a resend of the same result is a
/// duplicate, another result for a visit already reported a conflict).
public struct MysteryResult: Sendable, Equatable {
    public var visit: String
    /// Who made the check (the signed-in user or the API's name for the shopper).
    public var shopper: String
    public var at: Date
    /// The staff member who served the shopper, when known.
    public var staff: String?
    /// Item code → answer: 1/0 for yes/no, 0…max for a score. Items left out are not counted (weights re-normalised).
    public var answers: [String: Int]
    public var comment: String?
    /// Evidence on items that take photos, stored with the result (all or nothing, once).
    public var photos: [MysteryPhoto]

    public init(
        visit: String, shopper: String, at: Date, staff: String? = nil, answers: [String: Int], comment: String? = nil, photos: [MysteryPhoto] = []
    ) {
        self.visit = visit
        self.shopper = shopper
        self.at = at
        self.staff = staff
        self.answers = answers
        self.comment = comment
        self.photos = photos
    }

    /// Checks the answers against the checklist: every item known and in range, at least one answered.
    public func validate(against checklist: MysteryChecklist) throws(OtklikError) {
        guard !answers.isEmpty else { throw .invalid("answers", "answer at least one item") }
        let items = Dictionary(checklist.items.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        for (code, answer) in answers.sorted(by: { $0.key < $1.key }) {
            guard let item = items[code] else { throw .invalid("answers.\(code)", "no item '\(code)' in checklist '\(checklist.code)'") }
            guard item.fulfilment(answer) != nil else {
                throw .invalid("answers.\(code)", item.kind == .yesNo ? "answer 1 (yes) or 0 (no)" : "answer 0-\(item.maxScore ?? 5)")
            }
        }
        if let staff { try Identifier.validate(staff, field: "staff") }
        if let comment, comment.count > 5_000 { throw .invalid("comment", "comment is at most 5000 characters") }
        guard !shopper.trimmingCharacters(in: .whitespaces).isEmpty, shopper.count <= 200 else { throw .invalid("shopper", "shopper is 1-200 characters") }
        try MysteryPhoto.validate(photos, against: checklist)
    }
}
