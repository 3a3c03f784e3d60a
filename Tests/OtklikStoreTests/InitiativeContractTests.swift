import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Issue 23 item 4: the initiative register on both engines — stored whole with its scope and links, a retry is a
/// duplicate, other content under a stored id a conflict, an unknown code refuses the whole batch, and every write
/// that stores something appends one change-feed event.
@Suite struct InitiativeContractTests {
    static let start = ISO8601DateFormatter().date(from: "2026-02-01T00:00:00Z")!

    static func sample(_ id: String = "i1", locations: [String] = ["L2", "L1"]) -> Initiative {
        Initiative(
            id: id, title: "  Электронная очередь  ", owner: "Ирина Петрова", goalMetric: "nps", locations: locations, services: ["SV1"],
            budget: 1_500_000, start: start, end: start.addingTimeInterval(60 * 86_400), control: .region, problems: ["prb-1"],
            themes: ["waiting_time", "staff_politeness"])
    }

    static func seed(_ database: AppDatabase) async throws {
        try await database.reference.save(Region(code: "R1", name: "Москва"))
        for code in ["L1", "L2", "L3"] { try await database.reference.save(Location(code: code, name: "Офис \(code)", region: "R1")) }
        try await database.reference.save(Service(code: "SV1", name: "Вклад"))
        try await database.sql.execute(
            "INSERT INTO problems (id, location_code, theme, status, opened_at) VALUES ('prb-1', 'L1', 'waiting_time', 'open', 0)", [])
    }

    @Test(arguments: TestEngine.available)
    func storesRetriesAndRefuses(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.seed(database)
            let repository = SQLInitiativeRepository(database: database.sql)
            let headBefore = try await database.feed.head()
            let first = try await repository.create([Self.sample()], now: Self.start)
            #expect(first.inserted == ["i1"] && first.duplicates.isEmpty)
            let stored = try #require(try await repository.initiative(id: "i1"))
            #expect(stored == Self.sample().normalized())
            #expect(stored.title == "Электронная очередь" && stored.locations == ["L1", "L2"] && stored.themes == ["staff_politeness", "waiting_time"])
            #expect(stored.problems == ["prb-1"] && stored.services == ["SV1"] && stored.budget == 1_500_000 && stored.end == Self.start.addingTimeInterval(60 * 86_400))
            let events = try await database.feed.events(after: headBefore, limit: 10)
            #expect(events.map(\.kind) == [.initiatives] && events.first?.records == 1)

            // A retry is a duplicate and appends nothing.
            let again = try await repository.create([Self.sample()], now: Self.start)
            #expect(again.inserted.isEmpty && again.duplicates == ["i1"])
            #expect(try await database.feed.events(after: headBefore, limit: 10).count == 1)

            // Other content under the same id: a conflict, and the new initiative beside it is not stored either.
            var changed = Self.sample()
            changed.budget = 2
            await #expect(throws: OtklikError.self) { _ = try await repository.create([Self.sample("i2"), changed], now: Self.start) }
            #expect(try await repository.initiative(id: "i2") == nil)

            // Unknown location, service, problem or theme: refused, nothing stored, the field named.
            for bad in [Self.sample("i3", locations: ["L1", "NOPE"])] + [
                { var i = Self.sample("i4"); i.services = ["NOPE"]; return i }(), { var i = Self.sample("i5"); i.problems = ["NOPE"]; return i }(),
                { var i = Self.sample("i6"); i.themes = ["no_such_theme"]; return i }(),
            ] {
                do {
                    _ = try await repository.create([Self.sample("ok"), bad], now: Self.start)
                    Issue.record("\(bad.id) was accepted")
                } catch let error as OtklikError {
                    #expect(error.code == .invalidInput && error.field?.hasPrefix("items[1].") == true, "\(error)")
                }
            }
            #expect(try await repository.initiative(id: "ok") == nil)
            // Invalid values never reach the store.
            var invalid = Self.sample("i7")
            invalid.goalMetric = "revenue"
            await #expect(throws: OtklikError.self) { _ = try await repository.create([invalid], now: Self.start) }
            invalid = Self.sample("i8")
            invalid.end = Self.start
            await #expect(throws: OtklikError.self) { _ = try await repository.create([invalid], now: Self.start) }

            // A batch: two new ones in one event, listed newest start first.
            var later = Self.sample("i9", locations: ["L3"])
            later.start = Self.start.addingTimeInterval(86_400)
            later.end = nil
            later.control = .all
            let batch = try await repository.create([later, Self.sample("i10")], now: Self.start)
            #expect(batch.inserted == ["i9", "i10"])
            #expect(try await repository.initiatives().map(\.id) == ["i9", "i1", "i10"])
            let i9 = try await repository.initiative(id: "i9")
            #expect(i9?.end == nil && i9?.control == .all)
            #expect(try await database.feed.events(after: headBefore, limit: 10).map(\.records) == [1, 2])
        }
    }
}
