import Foundation
import OtklikCore
import OtklikText

/// How a transcript's analysis is stored in `transcript_analysis`: the sentiment and themes of what the customer
/// said, and the staff's compliance (0-100) with the organisation's conversation standard.
enum TranscriptAnalysisRows {
    /// The playbook events whose phrases every conversation is checked against, the first one stored.
    static let standardEvents = ["conversation", "complaint"]
    static let columns = ["transcript_id", "lang", "label", "score", "themes", "standard_event", "compliance", "analysed_at"]
    static let upsert = """
        ON CONFLICT (transcript_id) DO UPDATE SET lang = excluded.lang, label = excluded.label, score = excluded.score,
        themes = excluded.themes, standard_event = excluded.standard_event, compliance = excluded.compliance, analysed_at = excluded.analysed_at
        """

    /// The organisation's conversation standard, if it has one: the first stored playbook among `standardEvents`.
    static func standard(_ tx: any SQLExecutor) async throws -> ServiceStandard.Event? {
        let marks = SQLMarks.list(standardEvents.count)
        let found = try await tx.query(
            "SELECT event, title_ru, title_en, tasks, phrases FROM playbooks WHERE event IN (\(marks))", standardEvents.map { .text($0) }
        ).map(SQLPlaybookRepository.playbook(row:))
        guard let playbook = standardEvents.lazy.compactMap({ event in found.first { $0.event == event } }).first,
            !playbook.phrases.isEmpty
        else { return nil }
        // One task per phrase, so the score is the share of the playbook's phrases said (minus forbidden words).
        return ServiceStandard.Event(
            event: playbook.event, tasks: playbook.phrases.map { ServiceStandard.Task(task: $0, phrases: [$0]) },
            forbidden: TriggerWordList.standard.words)
    }

    /// Stores analysed rows: replacing an earlier analysis (re-analysis), or keeping it (a feed step done twice).
    static func insert(_ rows: [[SQLValue]], replace: Bool, in tx: any SQLExecutor) async throws {
        guard !rows.isEmpty else { return }
        try await tx.insertRows(
            "transcript_analysis", columns: columns, rows: rows, suffix: replace ? upsert : "ON CONFLICT (transcript_id) DO NOTHING")
    }

    /// Analyses `transcripts` with the stored taxonomy, model and conversation standard read through `executor`.
    static func rows(_ transcripts: [Transcript], at now: Int64, reading executor: any SQLExecutor) async throws -> [[SQLValue]] {
        guard !transcripts.isEmpty else { return [] }
        let analyzer = try await StoredTaxonomy.analyzer(executor)
        let event = try await standard(executor)
        let checker = StandardComplianceChecker()
        return transcripts.map { transcript in
            let customer = transcript.turns.filter { $0.speaker == .customer }.map(\.text).joined(separator: "\n")
            let staff = transcript.turns.filter { $0.speaker == .staff }.map(\.text).joined(separator: "\n")
            let analysis = analyzer.analyze(customer)
            let compliance = event.map { checker.check(staff, against: $0).score }
            return [
                .text(transcript.id), SQLValue(analysis.lang ?? transcript.lang), .text(analysis.label.rawValue),
                .double((analysis.score * 10_000).rounded() / 10_000),
                analysis.themes.isEmpty ? .null : .text(analysis.themes.joined(separator: ";")), SQLValue(event?.event),
                compliance.map { .double(($0 * 10).rounded() / 10) } ?? .null, .int(now),
            ]
        }
    }
}
