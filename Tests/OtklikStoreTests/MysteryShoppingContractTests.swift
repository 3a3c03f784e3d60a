import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Issue 23 item 1 on both engines: checklists, planned visits and calls, a shopper's result stored once with its score
/// and item fulfilments, a resend a duplicate, another result a conflict; a change feed event per stored result.
@Suite struct MysteryShoppingContractTests {
    static let monday = ISO8601DateFormatter().date(from: "2026-03-02T10:00:00Z")!
    static let checklist = MysteryChecklist(code: "std", title: "  Стандарт обслуживания  ", items: [
        .init(code: "greet", text: "Поздоровался", weight: 2, requiredPhrase: "Здравствуйте!"),
        .init(code: "listen", text: "Выслушал", weight: 1),
        .init(code: "tidy", text: "Порядок в зале", weight: 1, kind: .score, maxScore: 4, photo: true),
    ])

    @Test(arguments: TestEngine.available)
    func plansVisitsAndStoresEachResultOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            try await database.reference.save(Staff(code: "S1", name: "Анна", location: "L1"))
            let repository = SQLMysteryShoppingRepository(database: database.sql)
            try await repository.save(Self.checklist, now: Self.monday)
            #expect(try await repository.checklist(code: "std")?.title == "Стандарт обслуживания")
            #expect(try await repository.checklist(code: "std")?.items.map(\.maxScore) == [nil, nil, 4])

            let week = Self.monday.addingTimeInterval(7 * 86_400)
            let visits = [
                MysteryVisit(id: "v1", checklist: "std", location: "L1", channel: .visit, from: Self.monday, to: week),
                MysteryVisit(id: "v2", checklist: "std", location: "L1", channel: .call, from: Self.monday, to: week),
            ]
            #expect(try await repository.plan(visits, now: Self.monday).inserted == ["v1", "v2"])
            #expect(try await repository.plan(visits, now: Self.monday).duplicates == ["v1", "v2"], "a resent plan is a duplicate")
            var moved = visits[0]
            moved.location = "L1"
            moved.channel = .call
            await #expect(throws: OtklikError.self) { _ = try await repository.plan([moved], now: Self.monday) }
            await #expect(throws: OtklikError.self) {
                _ = try await repository.plan([MysteryVisit(id: "v3", checklist: "nope", location: "L1", channel: .visit, from: Self.monday, to: week)], now: Self.monday)
            }
            await #expect(throws: OtklikError.self) {
                _ = try await repository.plan([MysteryVisit(id: "v4", checklist: "std", location: "NOPE", channel: .visit, from: Self.monday, to: week)], now: Self.monday)
            }

            let head = try await database.feed.head()
            let result = MysteryResult(
                visit: "v1", shopper: "shopper-1", at: Self.monday.addingTimeInterval(3_600), staff: "S1", answers: ["greet": 1, "listen": 0, "tidy": 3],
                comment: "Встретили у входа")
            let first = try await repository.report(result, now: Self.monday)
            #expect(first.stored && first.score == 68.75)
            let again = try await repository.report(result, now: Self.monday)
            #expect(!again.stored && again.score == 68.75, "a resend from the offline queue is stored once")
            var other = result
            other.answers["listen"] = 1
            do {
                _ = try await repository.report(other, now: Self.monday)
                Issue.record("another result for a reported visit was accepted")
            } catch let error as OtklikError {
                #expect(error.code == .conflict)
            }
            for bad in [
                MysteryResult(visit: "v2", shopper: "s", at: Self.monday, answers: ["tidy": 9]),
                MysteryResult(visit: "v2", shopper: "s", at: Self.monday, staff: "NOPE", answers: ["greet": 1]),
                MysteryResult(visit: "v2", shopper: "s", at: Self.monday, answers: ["nothing": 1]),
            ] {
                await #expect(throws: OtklikError.self) { _ = try await repository.report(bad, now: Self.monday) }
            }
            await #expect(throws: OtklikError.self) { _ = try await repository.report(MysteryResult(visit: "v9", shopper: "s", at: Self.monday, answers: ["greet": 1]), now: Self.monday) }
            #expect(try await database.feed.events(after: head, limit: 10).map(\.kind) == [.mysteryShopping])

            let reports = try await repository.reports(from: Self.monday, to: week)
            #expect(reports.count == 1 && reports[0].staff == "S1" && reports[0].score == 68.75 && reports[0].comment == "Встретили у входа")
            #expect(reports[0].items == ["greet": 1, "listen": 0, "tidy": 0.75])
            #expect(try await repository.visits(from: Self.monday, to: week).map { "\($0.visit.id):\($0.reported)" } == ["v1:true", "v2:false"])
            // A later change of the checklist leaves the stored score as it was.
            var heavier = Self.checklist
            heavier.items[1].weight = 10
            try await repository.save(heavier, now: week)
            #expect(try await repository.reports(from: nil, to: nil).first?.score == 68.75)
        }
    }
}
