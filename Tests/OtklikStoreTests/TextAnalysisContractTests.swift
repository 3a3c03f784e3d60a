import Foundation
import OtklikCore
import OtklikStore
import OtklikText
import Testing

/// Each comment is analysed by the durable feed consumer after the transaction that stores it; the organisation's
/// taxonomy; re-analysis; transcripts checked against the conversation playbook. Run on every engine.
@Suite struct TextAnalysisContractTests {
    static let t0 = FeedbackRepositoryContractTests.t0

    static func comment(_ id: String, _ text: String?, minutes: Double = 0, location: String = "L01", nps: Int = 3) -> Feedback {
        Feedback(id: id, ts: t0.addingTimeInterval(minutes * 60), channel: .terminal, kind: .informative, location: location,
                 staff: "S01", service: "SV1", nps: nps, comment: text)
    }

    /// Runs the text-analysis consumer until it has caught up with the feed, as a server does after its writes.
    static func analyse(_ database: AppDatabase) async throws {
        while try await !database.texts.analyseFromFeed(consumer: "text-analysis", limit: 2).caughtUp {}
    }

    static func analysedAt(_ database: AppDatabase, _ id: String) async throws -> Int64? {
        try await database.sql.query("SELECT analysed_at FROM comment_analysis WHERE feedback_id = ?", [.text(id)]).first?.int64("analysed_at")
    }

    @Test(arguments: TestEngine.available)
    func commentsAreAnalysedOnArrivalAndDuplicatesAreNot(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await FeedbackRepositoryContractTests.seedReference(database)
            let batch = [
                Self.comment("c1", "Очень долго ждал в очереди, оператор нагрубил"), Self.comment("c2", "Thank you, quick and friendly service!", nps: 10),
                Self.comment("c3", nil),
            ]
            #expect(try await database.feedback.insert(batch, createMissingReferences: false).inserted == ["c1", "c2", "c3"])
            #expect(try await database.texts.analyses(feedbackIDs: ["c1", "c2"]).isEmpty, "no analysis until the feed consumer runs: none under the writer lock")
            try await Self.analyse(database)
            try await Self.analyse(database)  // a second run finds nothing new
            let analyses = try await database.texts.analyses(feedbackIDs: ["c1", "c2", "c3"])
            #expect(Set(analyses.keys) == ["c1", "c2"], "feedback without a comment has no analysis")
            let first = try #require(analyses["c1"])
            #expect(first.lang == "ru" && first.label == .negative)
            #expect(first.themes.contains("waiting_time") && first.themes.contains("staff_politeness"))
            #expect(analyses["c2"]?.label == .positive && analyses["c2"]?.lang == "en")

            // The same write again is a duplicate: the analysis is not part of the comparison and is not written again.
            try await database.sql.execute("UPDATE comment_analysis SET analysed_at = 1 WHERE feedback_id = 'c1'")
            let retry = try await database.feedback.insert(batch, createMissingReferences: false)
            try await Self.analyse(database)
            #expect(retry == InsertOutcome(inserted: [], duplicates: ["c1", "c2", "c3"]))
            #expect(try await Self.analysedAt(database, "c1") == 1)
            // Other content under a stored id is a conflict: nothing written, the analysis unchanged.
            await #expect(throws: OtklikError.self) {
                try await database.feedback.insert([Self.comment("c4", "Грязно"), Self.comment("c1", "Всё прекрасно")], createMissingReferences: false)
            }
            #expect(try await database.texts.analyses(feedbackIDs: ["c1", "c4"]).keys.sorted() == ["c1"])
            #expect(try await database.texts.analyses(feedbackIDs: ["c1"])["c1"]?.label == .negative)

            let stored = try await database.texts.comments(from: nil, to: nil, label: .negative, includeText: true)
            #expect(stored.map(\.feedbackID) == ["c1"])
            #expect(stored.first?.location == "L01" && stored.first?.staff == "S01" && stored.first?.comment?.hasPrefix("Очень") == true)
        }
    }

    @Test(arguments: TestEngine.available)
    func storedTaxonomyIsUsedAndReanalysisApplies(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await FeedbackRepositoryContractTests.seedReference(database)
            #expect(try await database.texts.taxonomy().isDefault)
            #expect(try await database.texts.taxonomy().taxonomy.themes.count == 16)
            _ = try await database.feedback.insert([Self.comment("a1", "Банкомат опять не работает, ужасно")], createMissingReferences: false)
            try await Self.analyse(database)
            #expect(try await database.texts.analyses(feedbackIDs: ["a1"])["a1"]?.themes == [])

            let taxonomy = try ThemeTaxonomy.validate(themes: [
                ("atm", "Банкоматы", "Cash machines", ["банкомат"], ["cash machine", "ATM"]),
                ("waiting_time", "Ожидание", "Waiting", ["ждать", "долго"], ["wait"]),
            ])
            #expect(try await database.texts.reanalysisPending() == false)
            try await database.texts.replaceTaxonomy(taxonomy)
            #expect(try await database.texts.reanalysisPending(), "stored comments must be analysed again")
            let stored = try await database.texts.taxonomy()
            #expect(!stored.isDefault && stored.taxonomy == taxonomy)
            #expect(stored.taxonomy.themes[0].keywordsRu == ["банкомат"] && stored.taxonomy.themes[0].keywordsEn == ["cash machine", "ATM"])

            // New comments use the stored taxonomy at once; stored ones after re-analysis.
            _ = try await database.feedback.insert([Self.comment("a2", "Банкоматы в отделении сломаны", minutes: 1)], createMissingReferences: false)
            try await Self.analyse(database)
            #expect(try await database.texts.analyses(feedbackIDs: ["a2"])["a2"]?.themes == ["atm"])
            #expect(try await database.texts.analyses(feedbackIDs: ["a1"])["a1"]?.themes == [])
            let progress = ProgressLog()
            #expect(try await database.texts.reanalyze(all: true, chunkSize: 1, progress: { done, total in progress.add(done, total) }) == 2)
            #expect(progress.entries == [[1, 2], [2, 2]])
            #expect(try await database.texts.reanalysisPending() == false, "a full pass clears the request")
            #expect(try await database.texts.analyses(feedbackIDs: ["a1"])["a1"]?.themes == ["atm"])

            // Missing-only finds the comments that have no analysis and nothing else.
            try await database.sql.execute("DELETE FROM comment_analysis WHERE feedback_id = 'a2'")
            #expect(try await database.texts.reanalyze(all: false, chunkSize: 100, progress: { _, _ in }) == 1)
            #expect(try await database.texts.reanalyze(all: false, chunkSize: 100, progress: { _, _ in }) == 0)
            #expect(try await database.texts.analyses(feedbackIDs: ["a2"])["a2"]?.themes == ["atm"])

            try await database.texts.replaceTaxonomy(nil)
            #expect(try await database.texts.taxonomy().isDefault)
        }
    }

    @Test(arguments: TestEngine.available)
    func transcriptsAreCheckedAgainstTheConversationPlaybook(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await FeedbackRepositoryContractTests.seedReference(database)
            let talk = Transcript(
                id: "t1", location: "L01", staff: "S01", startedAt: Self.t0, endedAt: Self.t0.addingTimeInterval(120), lang: "ru",
                turns: [
                    .init(speaker: .staff, text: "Здравствуйте! Чем могу помочь?"),
                    .init(speaker: .customer, text: "Очень долго ждал, это ужасно"),
                    .init(speaker: .staff, text: "Сейчас посмотрю."),
                ])
            // No playbook yet: analysed, but no compliance score.
            _ = try await database.transcripts.insert([talk], createMissingReferences: false)
            try await Self.analyse(database)
            var stored = try await database.texts.transcripts(from: nil, to: nil)
            #expect(stored.count == 1 && stored.first?.label == .negative && stored.first?.compliance == nil)
            #expect(stored.first?.themes.contains("waiting_time") == true)

            try await database.playbooks.replaceAll([
                Playbook(event: "conversation", titleRu: "Разговор", titleEn: "Conversation", tasks: ["Поздороваться"],
                         phrases: ["Здравствуйте|Добрый день", "Чем могу помочь", "Спасибо за обращение|Всего доброго"]),
            ])
            #expect(try await database.texts.reanalyze(all: true, chunkSize: 10, progress: { _, _ in }) == 1)
            stored = try await database.texts.transcripts(from: nil, to: nil)
            #expect(stored.first?.standardEvent == "conversation")
            #expect(abs((stored.first?.compliance ?? 0) - 66.7) < 0.01, "two of the three phrases said")
            // A retried transcript is a duplicate and keeps its analysis.
            #expect(try await database.transcripts.insert([talk], createMissingReferences: false).duplicates == ["t1"])
        }
    }
}

extension TextAnalysisContractTests {
    @Test(arguments: TestEngine.available)
    func labelledCommentsTrainTheModelCommentsAreAnalysedWith(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await FeedbackRepositoryContractTests.seedReference(database)
            _ = try await database.feedback.insert([Self.comment("q1", "Сплошная фыва в отделении")], createMissingReferences: false)
            try await Self.analyse(database)
            #expect(try await database.texts.analyses(feedbackIDs: ["q1"])["q1"]?.label == .neutral, "the lexicon does not know the word")

            let labels = (0..<12).flatMap { index in
                [LabelledComment(id: "n\(index)", text: "Опять фыва номер \(index)", label: .negative),
                 LabelledComment(id: "p\(index)", text: "Ролд ролд номер \(index)", label: .positive)]
            }
            await #expect(throws: OtklikError.self) { try await database.textModels.train(minimumTexts: 20, minDocuments: 1, now: Self.t0) }
            #expect(try await database.textModels.addLabels(Array(labels.prefix(4)), replace: false).inserted.count == 4)
            let again = try await database.textModels.addLabels(labels, replace: false)
            #expect(again.inserted.count == 20 && again.duplicates == ["n0", "p0", "n1", "p1"])
            await #expect(throws: OtklikError.self) {
                try await database.textModels.addLabels([LabelledComment(id: "n0", text: "Другое", label: .negative)], replace: false)
            }
            await #expect(throws: OtklikError.self) { try await database.textModels.addLabels([LabelledComment(id: "bad id", text: "x", label: .negative)], replace: false) }
            #expect(try await database.textModels.labelCounts() == [.negative: 12, .positive: 12])
            // A correction from the interface replaces the stored label.
            let corrected = try await database.textModels.addLabels([LabelledComment(id: "n0", text: "Опять фыва номер 0", label: .neutral)], replace: true)
            #expect(corrected.inserted == ["n0"])
            #expect(try await database.textModels.labelCounts() == [.negative: 11, .neutral: 1, .positive: 12])
            _ = try await database.textModels.addLabels([LabelledComment(id: "n0", text: "Опять фыва номер 0", label: .negative)], replace: true)

            #expect(try await database.textModels.model() == nil)
            let info = try await database.textModels.train(minimumTexts: 20, minDocuments: 1, now: Self.t0)
            #expect(try await database.texts.reanalysisPending())
            #expect(info.texts == 24 && info.classes == ["negative", "positive"] && info.features > 0)
            #expect(try await database.textModels.model()?.texts == 24)
            _ = try await database.feedback.insert([Self.comment("q2", "Сплошная фыва в отделении", minutes: 1)], createMissingReferences: false)
            try await Self.analyse(database)
            #expect(try await database.texts.analyses(feedbackIDs: ["q2"])["q2"]?.label == .negative, "analysed with the trained model")
            try await database.textModels.deleteModel()
            #expect(try await database.textModels.model() == nil)
        }
    }
}

/// Collects progress reports from a `@Sendable` callback.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [[Int]] = []
    func add(_ done: Int, _ total: Int) { lock.withLock { items.append([done, total]) } }
    var entries: [[Int]] { lock.withLock { items } }
}
