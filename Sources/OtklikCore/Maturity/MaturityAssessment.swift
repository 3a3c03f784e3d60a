import Foundation

/// One self-assessment of the 55 standards: when it was taken, who scored it, and a score (or "not assessed") with an
/// evidence note per item. Items absent from `items` are not assessed. A new assessment never replaces an older one:
/// the previous one stays for the comparison.
public struct MaturityAssessment: Sendable, Equatable, Codable {
    public var id: String
    public var takenAt: Date
    public var scorer: String
    public var items: [MaturityItemScore]

    public init(id: String, takenAt: Date, scorer: String, items: [MaturityItemScore]) {
        self.id = id
        self.takenAt = takenAt
        self.scorer = scorer
        self.items = items
    }

    /// The score of one item; nil when it was not assessed.
    public func score(_ itemId: String) -> Int? { items.first { $0.itemId == itemId }?.score }

    public func entry(_ itemId: String) -> MaturityItemScore? { items.first { $0.itemId == itemId } }

    /// Every item is a known standard, named once, scored 0-4 (or not assessed), with a note of at most 2000
    /// characters; at least one item is scored; the scorer is 1-100 characters. The error names `items[i].field`.
    public func validate() throws(OtklikError) {
        let scorer = scorer.trimmingCharacters(in: .whitespacesAndNewlines)
        if scorer.isEmpty || scorer.count > 100 { throw .invalid("scorer", "the scorer is 1-100 characters") }
        if !items.contains(where: { $0.score != nil }) { throw .invalid("items", "score at least one standard (0-4)") }
        var seen = Set<String>()
        for (index, item) in items.enumerated() {
            guard MaturityCatalogue.item(item.itemId) != nil else {
                throw .invalid("items[\(index)].id", "unknown standard '\(item.itemId)': the ids are 1a-7e of seed 001")
            }
            guard seen.insert(item.itemId).inserted else { throw .invalid("items[\(index)].id", "standard '\(item.itemId)' is scored twice") }
            if let score = item.score, !MaturityItemScore.range.contains(score) {
                throw .invalid("items[\(index)].score", "a score is 0-4 (or empty: not assessed), not \(score)")
            }
            if item.evidence.count > 2000 { throw .invalid("items[\(index)].evidence", "an evidence note is at most 2000 characters") }
        }
    }

    /// The items in the catalogue's order, trimmed; what the content hash is computed from.
    public func normalizedItems() -> [MaturityItemScore] {
        let order = Dictionary(uniqueKeysWithValues: MaturityCatalogue.items.enumerated().map { ($1.id, $0) })
        return items
            .map { MaturityItemScore(itemId: $0.itemId, score: $0.score, evidence: $0.evidence.trimmingCharacters(in: .whitespacesAndNewlines)) }
            .sorted { (order[$0.itemId] ?? .max) < (order[$1.itemId] ?? .max) }
    }

    /// The canonical text of the scores and notes (one `id|score|evidence` line per item in catalogue order; an
    /// unassessed item's score is empty): two files with the same content give the same text.
    public func canonicalContent() -> String {
        normalizedItems().map { "\($0.itemId)|\($0.score.map(String.init) ?? "")|\($0.evidence)" }.joined(separator: "\n")
    }
}
