import Foundation

/// A mystery-shopping checklist built from the service standard (seed 000 «Тайный покупатель», seed 002 GAP 3): what a
/// shopper checks on a visit or a call, each item with its weight, its answer kind and, where the standard asks for one,
/// the phrase the staff member must say.
public struct MysteryChecklist: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            /// Done or not: 1 or 0.
            case yesNo = "yes_no"
            /// A score from 0 to `maxScore`.
            case score
        }

        public var code: String
        public var text: String
        public var weight: Double
        public var kind: Kind
        /// The top of the scale for `score` items (2-10); nil for yes/no.
        public var maxScore: Int?
        /// The phrase the standard requires the staff member to say (the shopper checks it was said).
        public var requiredPhrase: String?
        /// Whether the shopper may attach a photo as evidence (optional; the form says so).
        public var photo: Bool

        enum CodingKeys: String, CodingKey {
            case code, text, weight, kind, maxScore = "max_score", requiredPhrase = "required_phrase", photo
        }

        public init(code: String, text: String, weight: Double = 1, kind: Kind = .yesNo, maxScore: Int? = nil, requiredPhrase: String? = nil, photo: Bool = false) {
            self.code = code
            self.text = text
            self.weight = weight
            self.kind = kind
            self.maxScore = kind == .score ? (maxScore ?? 5) : nil
            self.requiredPhrase = requiredPhrase
            self.photo = photo
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                code: try container.decode(String.self, forKey: .code), text: try container.decode(String.self, forKey: .text),
                weight: try container.decodeIfPresent(Double.self, forKey: .weight) ?? 1,
                kind: try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .yesNo, maxScore: try container.decodeIfPresent(Int.self, forKey: .maxScore),
                requiredPhrase: try container.decodeIfPresent(String.self, forKey: .requiredPhrase),
                photo: try container.decodeIfPresent(Bool.self, forKey: .photo) ?? false)
        }

        /// The answer as a fulfilment share 0…1 (yes 1, no 0, a score over its maximum); nil for an answer out of range.
        public func fulfilment(_ answer: Int) -> Double? {
            switch kind {
            case .yesNo: return answer == 0 || answer == 1 ? Double(answer) : nil
            case .score:
                let top = maxScore ?? 5
                return (0...top).contains(answer) ? Double(answer) / Double(top) : nil
            }
        }
    }

    public var code: String
    public var title: String
    public var items: [Item]

    public init(code: String, title: String, items: [Item]) {
        self.code = code
        self.title = title
        self.items = items
    }

    public func validate() throws(OtklikError) {
        try Identifier.validate(code, field: "code")
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else { throw .invalid("title", "title is 1-200 characters") }
        guard !items.isEmpty, items.count <= 200 else { throw .invalid("items", "a checklist has 1-200 items") }
        var seen = Set<String>()
        for (index, item) in items.enumerated() {
            let field = "items[\(index)]"
            try Identifier.validate(item.code, field: "\(field).code")
            guard seen.insert(item.code).inserted else { throw .invalid("\(field).code", "item '\(item.code)' is listed twice") }
            let text = item.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, text.count <= 1_000 else { throw .invalid("\(field).text", "text is 1-1000 characters") }
            guard item.weight > 0, item.weight <= 100, item.weight.isFinite else { throw .invalid("\(field).weight", "weight is more than 0 and at most 100") }
            if item.kind == .score, let top = item.maxScore, !(2...10).contains(top) {
                throw .invalid("\(field).max_score", "max_score is 2-10")
            }
            if let phrase = item.requiredPhrase, phrase.count > 500 { throw .invalid("\(field).required_phrase", "required_phrase is at most 500 characters") }
        }
    }
}
