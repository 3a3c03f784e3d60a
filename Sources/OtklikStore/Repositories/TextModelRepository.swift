import Foundation
import OtklikCore
import OtklikText

/// A comment a member of staff labelled, to train the organisation's sentiment model on.
public struct LabelledComment: Sendable, Equatable {
    public var id: String
    public var text: String
    public var label: SentimentLabel

    public init(id: String, text: String, label: SentimentLabel) {
        self.id = id
        self.text = text
        self.label = label
    }

    public static let maxTextBytes = 100_000

    public func validate() throws(OtklikError) {
        try Identifier.validate(id, field: "id")
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, text.utf8.count <= Self.maxTextBytes else {
            throw .invalid("text", "a labelled text is 1-\(Self.maxTextBytes) bytes")
        }
    }
}

/// The stored model: how many texts and features it has and when it was trained.
public struct TrainedModelInfo: Sendable, Equatable {
    public var texts: Int
    public var features: Int
    public var classes: [String]
    public var trainedAt: Date
}

/// The organisation's labelled comments and the linear sentiment model trained on them; once trained, every comment
/// is analysed with it (the lexicon's verdict is one of its features, see ``LinearSentimentModel``).
public protocol TextModelRepository: Sendable {
    /// Stores labelled comments idempotently by id; the same id with another text or label is a conflict, or, when
    /// `replace`, a correction that replaces the stored one (reported as inserted). All or nothing.
    func addLabels(_ items: [LabelledComment], replace: Bool) async throws -> InsertOutcome
    func labelCounts() async throws -> [SentimentLabel: Int]
    /// Trains on every labelled comment and stores the model, replacing the previous one. Needs at least
    /// `minimumTexts` texts in at least two classes.
    func train(minimumTexts: Int, minDocuments: Int, now: Date) async throws -> TrainedModelInfo
    func model() async throws -> TrainedModelInfo?
    /// Back to the lexicon alone.
    func deleteModel() async throws
}

public struct SQLTextModelRepository: TextModelRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func addLabels(_ items: [LabelledComment], replace: Bool = false) async throws -> InsertOutcome {
        try items.validateEach { try $0.validate() }
        return try await database.transaction { tx in
            var stored: [String: LabelledComment] = [:]
            let ids = Array(Set(items.map(\.id)))
            for row in try await tx.query(in: ids, { marks in "SELECT id, text, label FROM labelled_comments WHERE id IN (\(marks))" }) {
                let item = LabelledComment(
                    id: try row.string("id"), text: try row.string("text"), label: row.text("label").flatMap(SentimentLabel.init(rawValue:)) ?? .neutral)
                stored[item.id] = item
            }
            var outcome = InsertOutcome()
            var fresh: [LabelledComment] = []
            for (index, item) in items.enumerated() {
                if let previous = stored[item.id] {
                    if replace && previous != item {
                        try await tx.execute("DELETE FROM labelled_comments WHERE id = ?", [.text(item.id)])
                        fresh.removeAll { $0.id == item.id }
                        stored[item.id] = item
                        fresh.append(item)
                        outcome.inserted.append(item.id)
                        continue
                    }
                    guard previous == item else {
                        throw OtklikError(.conflict, "id '\(item.id)' is already used by a different labelled text", field: "items[\(index)].id")
                    }
                    outcome.duplicates.append(item.id)
                    continue
                }
                stored[item.id] = item
                fresh.append(item)
                outcome.inserted.append(item.id)
            }
            let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
            try await tx.insertRows(
                "labelled_comments", columns: ["id", "text", "label", "created_at"],
                rows: fresh.map { [.text($0.id), .text($0.text), .text($0.label.rawValue), .int(now)] })
            return outcome
        }
    }

    public func labelCounts() async throws -> [SentimentLabel: Int] {
        var counts: [SentimentLabel: Int] = [:]
        for row in try await database.query("SELECT label, COUNT(*) AS n FROM labelled_comments GROUP BY label") {
            if let label = row.text("label").flatMap(SentimentLabel.init(rawValue:)) { counts[label] = row.int("n") ?? 0 }
        }
        return counts
    }

    public func train(minimumTexts: Int = 20, minDocuments: Int = 2, now: Date = Date()) async throws -> TrainedModelInfo {
        var examples: [(text: String, label: SentimentLabel)] = []
        var after = ""
        while true {
            let rows = try await database.query("SELECT id, text, label FROM labelled_comments WHERE id > ? ORDER BY id LIMIT 5000", [.text(after)])
            guard let last = rows.last else { break }
            for row in rows {
                if let label = row.text("label").flatMap(SentimentLabel.init(rawValue:)), let text = row.text("text") { examples.append((text, label)) }
            }
            after = last.text("id") ?? after
        }
        let classes = SentimentLabel.allCases.filter { label in examples.contains { $0.label == label } }
        guard examples.count >= minimumTexts, classes.count >= 2 else {
            throw OtklikError.invalid(
                "labels", "training needs at least \(minimumTexts) labelled texts in at least two classes; there are \(examples.count) in \(classes.count)")
        }
        // The linear model (logistic regression on word and character n-grams with negation marking and the
        // lexicon's verdict); `minDocuments` only applied to the naive Bayes model this replaced.
        // Fewer hash buckets for the usual few thousand labelled comments keep the stored JSON small (~0.5 MB).
        let buckets = examples.count < 20_000 ? 1 << 16 : 1 << 18
        let model = LinearSentimentTrainer(features: HashedSentimentFeatures(buckets: buckets)).train(examples)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(model), as: UTF8.self)
        let trainedAt = Int64((now.timeIntervalSince1970 * 1000).rounded())
        let info = TrainedModelInfo(texts: examples.count, features: model.usedFeatures, classes: model.classes, trainedAt: Date(timeIntervalSince1970: TimeInterval(trainedAt) / 1000))
        try await database.transaction { tx in
            try await StoredTaxonomy.requestReanalysis(in: tx)
            try await tx.execute("DELETE FROM text_models")
            try await tx.execute(
                "INSERT INTO text_models (id, model, texts, features, trained_at) VALUES (1, ?, ?, ?, ?)",
                [.text(json), .int(Int64(info.texts)), .int(Int64(info.features)), .int(trainedAt)])
        }
        return info
    }

    public func model() async throws -> TrainedModelInfo? {
        guard let row = try await database.query("SELECT model, texts, features, trained_at FROM text_models WHERE id = 1").first else { return nil }
        let classes = (try? TrainedSentimentModel.decode(Data((row.text("model") ?? "").utf8)))?.classes ?? []
        return TrainedModelInfo(
            texts: row.int("texts") ?? 0, features: row.int("features") ?? 0, classes: classes,
            trainedAt: Date(timeIntervalSince1970: TimeInterval(row.int64("trained_at") ?? 0) / 1000))
    }

    public func deleteModel() async throws {
        try await database.transaction { tx in
            try await StoredTaxonomy.requestReanalysis(in: tx)
            try await tx.execute("DELETE FROM text_models")
        }
    }
}
