import Foundation
import OtklikCore
import OtklikText

/// The stored text analytics: each comment's and transcript's analysis (written with it, see
/// ``StoredRecord/writeDerived(_:receivedAt:in:)``) and the organisation's theme taxonomy.
public protocol TextAnalysisRepository: Sendable {
    /// The stored analyses of these feedback ids' comments, by feedback id.
    func analyses(feedbackIDs: [String]) async throws -> [String: TextAnalysis]
    /// The analyser stored comments are analysed with now (the stored taxonomy).
    func analyzer() async throws -> TextAnalyzer
    /// The taxonomy comments are analysed with; `isDefault` when it is the shipped one.
    func taxonomy() async throws -> (taxonomy: ThemeTaxonomy, isDefault: Bool)
    /// Stores the organisation's taxonomy (nil: back to the shipped one). Stored analyses keep their themes until
    /// ``reanalyze(all:chunkSize:progress:)`` runs.
    func replaceTaxonomy(_ taxonomy: ThemeTaxonomy?) async throws
    /// Analysed comments with their feedback's time and place, oldest first; `[from, to)`.
    func comments(from: Date?, to: Date?, label: SentimentLabel?, includeText: Bool) async throws -> [AnalysedComment]
    /// Analysed transcripts, oldest first; `[from, to)` on their start.
    func transcripts(from: Date?, to: Date?) async throws -> [AnalysedTranscript]
    /// Whether the taxonomy or the model changed since every stored text was last analysed again (a re-analysis was
    /// asked for and has not finished).
    func reanalysisPending() async throws -> Bool
    /// Analyses the comments and transcripts that have no stored analysis (every one when `all`, which also clears a
    /// pending request, see ``reanalysisPending()``) with the stored
    /// taxonomy, one transaction per chunk; reports (done, total) after each chunk. Returns how many were analysed.
    func reanalyze(all: Bool, chunkSize: Int, progress: @Sendable (Int, Int) -> Void) async throws -> Int
    /// One step of the durable feed consumer `consumer`: analyses the comments and transcripts written in the next
    /// `limit` feed events holding about `records` rows (``ChangeFeed/stepEvents(after:limit:records:)``), outside any
    /// transaction, then stores the analyses and moves the consumer in one transaction. Returns how many texts were
    /// analysed and whether the consumer has reached the feed's head.
    func analyseFromFeed(consumer: String, limit: Int, records: Int) async throws -> (analysed: Int, caughtUp: Bool)
}

extension TextAnalysisRepository {
    /// One step over at most ``ChangeFeed/recordsPerStep`` rows.
    public func analyseFromFeed(consumer: String, limit: Int) async throws -> (analysed: Int, caughtUp: Bool) {
        try await analyseFromFeed(consumer: consumer, limit: limit, records: ChangeFeed.recordsPerStep)
    }
}

/// A stored comment's analysis with where and when its feedback was given.
public struct AnalysedComment: Sendable, Equatable {
    public var feedbackID: String
    public var ts: Date
    public var location: String?
    public var staff: String?
    public var service: String?
    public var label: SentimentLabel
    public var score: Double
    public var themes: [String]
    /// The comment itself, when asked for.
    public var comment: String?

    public init(
        feedbackID: String, ts: Date, location: String?, staff: String?, service: String?, label: SentimentLabel, score: Double,
        themes: [String], comment: String? = nil
    ) {
        self.feedbackID = feedbackID
        self.ts = ts
        self.location = location
        self.staff = staff
        self.service = service
        self.label = label
        self.score = score
        self.themes = themes
        self.comment = comment
    }
}

/// A stored transcript's analysis: its customer's sentiment and its staff's compliance with the conversation standard.
public struct AnalysedTranscript: Sendable, Equatable {
    public var id: String
    public var startedAt: Date
    public var location: String
    public var staff: String?
    public var label: SentimentLabel
    public var themes: [String]
    /// The playbook event checked against, and the 0-100 score; nil when the organisation has no such playbook.
    public var standardEvent: String?
    public var compliance: Double?
}

public struct SQLTextAnalysisRepository: TextAnalysisRepository {
    let database: any SQLDatabase
    /// The feedback this process has just committed: its feed steps take it from memory (nil: they read the store).
    let recent: RecentFeedbackWrites?

    public init(database: any SQLDatabase, recent: RecentFeedbackWrites? = nil) {
        self.database = database
        self.recent = recent
    }

    public func analyses(feedbackIDs: [String]) async throws -> [String: TextAnalysis] {
        var result: [String: TextAnalysis] = [:]
        let ids = Array(Set(feedbackIDs))
        let rows = try await database.query(in: ids) { marks in
            "SELECT \(CommentAnalysisRows.columns.joined(separator: ", ")) FROM comment_analysis WHERE feedback_id IN (\(marks))"
        }
        for row in rows { result[try row.string("feedback_id")] = CommentAnalysisRows.analysis(row: row) }
        return result
    }

    public func analyzer() async throws -> TextAnalyzer {
        try await StoredTaxonomy.analyzer(database)
    }

    public func taxonomy() async throws -> (taxonomy: ThemeTaxonomy, isDefault: Bool) {
        if let stored = try await StoredTaxonomy.load(database) { return (stored, false) }
        return (.standard, true)
    }

    public func replaceTaxonomy(_ taxonomy: ThemeTaxonomy?) async throws {
        try await database.transaction { tx in try await StoredTaxonomy.replace(taxonomy, in: tx) }
    }

    public func comments(from: Date?, to: Date?, label: SentimentLabel?, includeText: Bool) async throws -> [AnalysedComment] {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if let from { conditions.append("f.ts >= ?"); binds.append(.int(Feedback.milliseconds(from))) }
        if let to { conditions.append("f.ts < ?"); binds.append(.int(Feedback.milliseconds(to))) }
        if let label { conditions.append("a.label = ?"); binds.append(.text(label.rawValue)) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try await database.query(
            """
            SELECT f.id, f.ts, f.location_code, f.staff_code, f.service_code, a.label, a.score, a.themes\(includeText ? ", f.comment" : "")
            FROM comment_analysis a JOIN feedback f ON f.id = a.feedback_id \(whereClause) ORDER BY f.ts, f.id
            """, binds)
        return rows.map { row in
            let v = row.values
            return AnalysedComment(
                feedbackID: v[0].text ?? "", ts: Date(timeIntervalSince1970: TimeInterval(v[1].int ?? 0) / 1000),
                location: v[2].text, staff: v[3].text, service: v[4].text,
                label: v[5].text.flatMap(SentimentLabel.init(rawValue:)) ?? .neutral, score: v[6].double ?? 0,
                themes: CommentAnalysisRows.themes(v[7].text), comment: includeText ? v[8].text : nil)
        }
    }

    public func transcripts(from: Date?, to: Date?) async throws -> [AnalysedTranscript] {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if let from { conditions.append("t.started_at >= ?"); binds.append(.int(Feedback.milliseconds(from))) }
        if let to { conditions.append("t.started_at < ?"); binds.append(.int(Feedback.milliseconds(to))) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try await database.query(
            """
            SELECT t.id, t.started_at, t.location_code, t.staff_code, a.label, a.themes, a.standard_event, a.compliance
            FROM transcript_analysis a JOIN transcripts t ON t.id = a.transcript_id \(whereClause) ORDER BY t.started_at, t.id
            """, binds)
        return rows.map { row in
            let v = row.values
            return AnalysedTranscript(
                id: v[0].text ?? "", startedAt: Date(timeIntervalSince1970: TimeInterval(v[1].int ?? 0) / 1000), location: v[2].text ?? "",
                staff: v[3].text, label: v[4].text.flatMap(SentimentLabel.init(rawValue:)) ?? .neutral, themes: CommentAnalysisRows.themes(v[5].text),
                standardEvent: v[6].text, compliance: v[7].double)
        }
    }

    public func reanalysisPending() async throws -> Bool {
        try await !database.query("SELECT requested_at FROM text_reanalysis").isEmpty
    }

    public func reanalyze(all: Bool, chunkSize: Int = 5_000, progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Int {
        let requested = try await database.query("SELECT requested_at FROM text_reanalysis").first?.int64("requested_at")
        let done = try await analyze(all: all, chunkSize: chunkSize, progress: progress)
        if all, let requested {
            // A change made while this ran asked for another pass: its request stays.
            try await database.execute("DELETE FROM text_reanalysis WHERE requested_at <= ?", [.int(requested)])
        }
        return done
    }

    func analyze(all: Bool, chunkSize: Int, progress: @Sendable (Int, Int) -> Void) async throws -> Int {
        let missing = all ? "" : " AND NOT EXISTS (SELECT 1 FROM comment_analysis a WHERE a.feedback_id = f.id)"
        let missingTalks = all ? "" : " WHERE NOT EXISTS (SELECT 1 FROM transcript_analysis a WHERE a.transcript_id = t.id)"
        let commentTotal = try await database.query("SELECT COUNT(*) AS n FROM feedback f WHERE f.comment IS NOT NULL\(missing)").first?.int("n") ?? 0
        let talkTotal = try await database.query("SELECT COUNT(*) AS n FROM transcripts t\(missingTalks)").first?.int("n") ?? 0
        let total = commentTotal + talkTotal
        guard total > 0 else { return 0 }
        var done = 0
        var after: (Int64, String)?
        while done < commentTotal {
            var binds: [SQLValue] = []
            var keyset = ""
            if let (ts, id) = after {
                keyset = " AND (f.ts > ? OR (f.ts = ? AND f.id > ?))"
                binds = [.int(ts), .int(ts), .text(id)]
            }
            let rows = try await database.query(
                "SELECT \(Feedback.columnList.map { "f." + $0 }.joined(separator: ", ")) FROM feedback f WHERE f.comment IS NOT NULL\(missing)\(keyset) ORDER BY f.ts, f.id LIMIT ?",
                binds + [.int(Int64(chunkSize))])
            guard !rows.isEmpty else { break }
            let items = try rows.map(Feedback.init(row:))
            let now = Feedback.milliseconds(Date())
            let analysed = try await CommentAnalysisRows.rows(items, at: now, reading: database)
            try await database.transaction { tx in try await CommentAnalysisRows.insert(analysed, replace: true, in: tx) }
            done += items.count
            progress(done, total)
            if let last = items.last { after = (Feedback.milliseconds(last.ts), last.id) }
            if rows.count < chunkSize { break }
        }
        done = commentTotal
        var talksAfter: (Int64, String)?
        while true {
            var binds: [SQLValue] = []
            var keyset = ""
            if let (ts, id) = talksAfter {
                keyset = (missingTalks.isEmpty ? " WHERE " : " AND ") + "(t.started_at > ? OR (t.started_at = ? AND t.id > ?))"
                binds = [.int(ts), .int(ts), .text(id)]
            }
            let rows = try await database.query(
                "SELECT \(Transcript.columnList.map { "t." + $0 }.joined(separator: ", ")) FROM transcripts t\(missingTalks)\(keyset) ORDER BY t.started_at, t.id LIMIT ?",
                binds + [.int(Int64(chunkSize))])
            guard !rows.isEmpty else { break }
            let items = try rows.map(Transcript.init(row:))
            let now = Feedback.milliseconds(Date())
            let analysed = try await TranscriptAnalysisRows.rows(items, at: now, reading: database)
            try await database.transaction { tx in try await TranscriptAnalysisRows.insert(analysed, replace: true, in: tx) }
            done += items.count
            progress(min(done, total), total)
            if let last = rows.last, let ts = last.int64("started_at"), let id = last.text("id") { talksAfter = (ts, id) }
            if rows.count < chunkSize { break }
        }
        return done
    }

    public func analyseFromFeed(consumer: String, limit: Int, records: Int) async throws -> (analysed: Int, caughtUp: Bool) {
        let positions = FeedConsumerPositions(database: database)
        let from = try await positions.position(of: consumer)
        let (events, reachesHead) = try await ChangeFeed(database: database).stepEvents(after: from, limit: limit, records: records)
        guard let through = events.last?.position else { return (0, true) }
        let range: [SQLValue] = [.int(from), .int(through)]
        var comments: [Feedback] = []
        // Across a gap (pruned events) the kinds are unknown: both tables are read (``FeedStep/Stretch/mayHold(_:)``).
        let stretch = FeedStep.Stretch(after: from, through: through, events: events)
        if let remembered = recent?.rows(of: stretch) {
            comments = remembered.map(\.feedback).filter { $0.comment != nil }
        } else if stretch.mayHold(.feedback) {
            comments = try await database.query(
                "SELECT \(Feedback.columns) FROM feedback WHERE feed_position > ? AND feed_position <= ? AND comment IS NOT NULL", range
            ).map(Feedback.init(row:))
        }
        var talks: [Transcript] = []
        if stretch.mayHold(.transcripts) {
            talks = try await database.query(
                "SELECT \(Transcript.columns) FROM transcripts WHERE feed_position > ? AND feed_position <= ?", range
            ).map(Transcript.init(row:))
        }
        let now = Feedback.milliseconds(Date())
        let commentRows = try await CommentAnalysisRows.rows(comments, at: now, reading: database)
        let talkRows = try await TranscriptAnalysisRows.rows(talks, at: now, reading: database)
        try await database.transaction { tx in
            try await CommentAnalysisRows.insert(commentRows, replace: false, in: tx)
            try await TranscriptAnalysisRows.insert(talkRows, replace: false, in: tx)
            try await FeedConsumerPositions.advance(consumer, from: from, to: through, at: now, in: tx)
        }
        return (commentRows.count + talkRows.count, reachesHead)
    }
}
