import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore
import Testing

/// Transcripts: the three formats, idempotent storage on both engines, and the binding to the rating that followed.
@Suite struct TranscriptTests {
    static let start = "2026-03-02T10:00:00Z"

    @Test func csvGroupsTurnsAndNamesBadLines() throws {
        let text = """
            transcript_id,location,staff,started_at,ended_at,lang,speaker,text,offset_s
            t1,L1,S1,2026-03-02T10:00:00Z,,ru,staff,"Здравствуйте, чем помочь?",0
            t1,L1,S1,2026-03-02T10:00:00Z,,ru,customer,"Карта заблокирована, жду уже час",5
            t2,L1,,2026-03-02T11:00:00Z,2026-03-02T11:03:00Z,en,customer,Hello,
            """
        let (records, skipped) = try TranscriptCSV.parse(text, skipBad: false)
        #expect(skipped.isEmpty)
        #expect(records.map(\.line) == [2, 4])
        #expect(records[0].record.turns.map(\.speaker) == [.staff, .customer])
        #expect(records[0].record.end == ISO8601DateFormatter().date(from: Self.start)!.addingTimeInterval(5))
        let bad = "transcript_id,location,started_at,speaker,text\nt1,L1,2026-03-02T10:00:00Z,robot,Hi\n"
        #expect(throws: OtklikError.self) { try TranscriptCSV.parse(bad, skipBad: false) }
        let split = "transcript_id,location,started_at,speaker,text\nt1,L1,2026-03-02T10:00:00Z,staff,A\nt2,L1,2026-03-02T10:00:00Z,staff,B\nt1,L1,2026-03-02T10:00:00Z,staff,C\n"
        #expect(throws: OtklikError.self) { try TranscriptCSV.parse(split, skipBad: false) }
    }

    @Test func jsonLinesNameTheLine() throws {
        let good = #"{"id":"t1","location":"L1","started_at":"2026-03-02T10:00:00Z","turns":[{"speaker":"customer","text":"Спасибо"}]}"#
        let lines = good + "\n\n" + #"{"id":"t2","location":"L1","started_at":"2026-03-02T10:00:00Z","turns":[]}"#
        do {
            _ = try TranscriptJSON.parseLines(lines, skipBad: false)
            Issue.record("an empty transcript was accepted")
        } catch let error as OtklikError {
            #expect(error.field == "line 3, field turns")
        }
        let (records, skipped) = try TranscriptJSON.parseLines(lines, skipBad: true)
        #expect(records.count == 1 && skipped.map(\.line) == [3])
    }

    @Test func ratingsAreBoundToTheConversationBeforeThem() throws {
        let started = ISO8601DateFormatter().date(from: Self.start)!
        let talk = Transcript(id: "t", location: "L1", staff: "S1", startedAt: started, endedAt: started.addingTimeInterval(300), turns: [
            .init(speaker: .customer, text: "Долго"),
        ])
        func rating(minutesAfterStart: Double, location: String = "L1", staff: String? = "S1") -> Feedback {
            Feedback(id: "f", ts: started.addingTimeInterval(minutesAfterStart * 60), channel: .button, kind: .impulse, location: location, staff: staff, button: .negative)
        }
        #expect(talk.precedes(rating(minutesAfterStart: 6)))
        #expect(talk.precedes(rating(minutesAfterStart: 34)))
        #expect(!talk.precedes(rating(minutesAfterStart: 36)), "more than half an hour after the end")
        #expect(!talk.precedes(rating(minutesAfterStart: -1)), "before the conversation")
        #expect(!talk.precedes(rating(minutesAfterStart: 6, location: "L2")))
        #expect(!talk.precedes(rating(minutesAfterStart: 6, staff: "S2")))
        #expect(talk.precedes(rating(minutesAfterStart: 6, staff: nil)), "a console without a staff member binds by place")
    }

    @Test(arguments: TestEngine.available)
    func storedOnceAndFoundByPlaceAndTime(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let started = ISO8601DateFormatter().date(from: Self.start)!
            let early = Transcript(id: "t1", location: "L1", staff: "S1", startedAt: started, turns: [.init(speaker: .staff, text: "Добрый день", offsetSeconds: 0), .init(speaker: .customer, text: "Жду час", offsetSeconds: 240)])
            let late = Transcript(id: "t2", location: "L1", staff: "S1", startedAt: started.addingTimeInterval(600), endedAt: started.addingTimeInterval(900), turns: [.init(speaker: .customer, text: "Спасибо")])
            let other = Transcript(id: "t3", location: "L1", staff: "S2", startedAt: started.addingTimeInterval(600), endedAt: started.addingTimeInterval(1000), turns: [.init(speaker: .customer, text: "?")])
            #expect(try await database.transcripts.insert([early, late, other], createMissingReferences: true).inserted.count == 3)
            #expect(try await database.transcripts.insert([early], createMissingReferences: true).duplicates == ["t1"], "a re-import adds nothing")
            #expect(try await database.transcripts.get(id: "t1")?.turns.count == 2)
            let after = Feedback(id: "f1", ts: started.addingTimeInterval(960), channel: .button, kind: .impulse, location: "L1", staff: "S1", button: .negative)
            #expect(try await database.transcripts.conversation(before: after, window: 1_800)?.id == "t2", "the latest conversation with that staff member")
            let between = Feedback(id: "f2", ts: started.addingTimeInterval(300), channel: .button, kind: .impulse, location: "L1", staff: "S1", button: .negative)
            #expect(try await database.transcripts.conversation(before: between, window: 1_800)?.id == "t1")
            let elsewhere = Feedback(id: "f3", ts: started.addingTimeInterval(300), channel: .button, kind: .impulse, location: "L9", button: .negative)
            #expect(try await database.transcripts.conversation(before: elsewhere, window: 1_800) == nil)
        }
    }
}
