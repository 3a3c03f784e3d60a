import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// One contract for ``FeedbackRepository``, run on every engine (as sql-kit runs one benchmark per driver).
@Suite struct FeedbackRepositoryContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_772_000_000.123)

    static func seedReference(_ database: AppDatabase) async throws {
        try await database.reference.save(Region(code: "R1", name: "Регион"))
        try await database.reference.save(Location(code: "L01", name: "Офис на Тверской", region: "R1"))
        try await database.reference.save(Location(code: "L02", name: "Office 2"))
        try await database.reference.save(Staff(code: "S01", name: "Анна", location: "L01"))
        try await database.reference.save(Service(code: "SV1", name: "Вклад"))
    }

    static func item(_ id: String, minutes: Double = 0, location: String? = "L01", nps: Int? = 9) -> Feedback {
        Feedback(id: id, ts: t0.addingTimeInterval(minutes * 60), channel: .terminal, kind: .informative, location: location,
                 staff: "S01", service: "SV1", nps: nps)
    }

    @Test(arguments: TestEngine.available)
    func storesEveryFieldAndReadsItBack(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seedReference(database)
            let full = Feedback(
                id: "fb:1", ts: Self.t0, channel: .qrWeb, kind: .complaint, location: "L01", staff: "S01", service: "SV1",
                customer: "C-77", interaction: "call-9", nps: 3, csat: 2, ces: 1, button: .negative,
                reasons: ["waiting_time", "queue"], comment: "Очень долго ждал, \"очередь\"\nвторая строка", contact: "+7 900 000-00-00")
            let outcome = try await database.feedback.insert([full], createMissingReferences: false)
            #expect(outcome == InsertOutcome(inserted: ["fb:1"], duplicates: []))
            let stored = try #require(try await database.feedback.get(id: "fb:1"))
            var expected = full
            expected.lang = "ru"  // detected from the comment
            #expect(stored == expected.normalized())
            #expect(stored.ts.timeIntervalSince1970 == 1_772_000_000.123)
            #expect(try await database.feedback.count() == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func retryIsIdempotentAndConflictWritesNothing(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seedReference(database)
            let batch = [Self.item("a"), Self.item("b", minutes: 1)]
            #expect(try await database.feedback.insert(batch, createMissingReferences: false).inserted == ["a", "b"])
            let retry = try await database.feedback.insert(batch + [Self.item("c", minutes: 2)], createMissingReferences: false)
            #expect(retry == InsertOutcome(inserted: ["c"], duplicates: ["a", "b"]))
            // the same id with other content: a conflict, and the new item "d" of that batch is not written either
            await #expect(throws: OtklikError.self) {
                try await database.feedback.insert([Self.item("d", minutes: 3), Self.item("a", nps: 0)], createMissingReferences: false)
            }
            #expect(try await database.feedback.get(id: "d") == nil)
            #expect(try await database.feedback.count() == 3)
            // the same id twice in one batch with the same content counts once
            let twice = try await database.feedback.insert([Self.item("e"), Self.item("e")], createMissingReferences: false)
            #expect(twice == InsertOutcome(inserted: ["e"], duplicates: ["e"]))
        }
    }

    @Test(arguments: TestEngine.available)
    func unknownReferencesAreRefusedOrCreated(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seedReference(database)
            do {
                _ = try await database.feedback.insert([Self.item("x"), Self.item("y", location: "L99")], createMissingReferences: false)
                Issue.record("an unknown location was accepted")
            } catch let error as OtklikError {
                #expect(error.code == .invalidInput)
                #expect(error.field == "items[1].location")
            }
            #expect(try await database.feedback.count() == 0)
            _ = try await database.feedback.insert([Self.item("y", location: "L99")], createMissingReferences: true)
            #expect(try await database.reference.locations().map(\.code).contains("L99"))
        }
    }

    @Test(arguments: TestEngine.available)
    func listFiltersAndPagesWithoutGapsOrRepeats(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seedReference(database)
            // 25 items, several sharing a timestamp, to exercise the (ts, id) keyset
            let items = (0..<25).map { Self.item(String(format: "p%02d", $0), minutes: Double($0 / 3), location: $0 % 2 == 0 ? "L01" : "L02") }
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            var seen: [String] = []
            var cursor: FeedbackCursor?
            repeat {
                let page = try await database.feedback.list(FeedbackFilter(), after: cursor, limit: 7)
                seen += page.items.map(\.id)
                cursor = page.next
                if let token = cursor?.token { #expect(FeedbackCursor(token: token) == cursor) }
            } while cursor != nil
            let expected = items.sorted { ($0.ts, $0.id) > ($1.ts, $1.id) }.map(\.id)
            #expect(seen == expected)
            let filtered = try await database.feedback.list(
                FeedbackFilter(from: Self.t0.addingTimeInterval(120), to: Self.t0.addingTimeInterval(300), location: "L02"), after: nil, limit: 100)
            #expect(Set(filtered.items.map(\.id)) == Set(items.filter {
                $0.location == "L02" && $0.ts >= Self.t0.addingTimeInterval(120) && $0.ts < Self.t0.addingTimeInterval(300)
            }.map(\.id)))
            #expect(filtered.next == nil)
        }
    }

    /// A scope of several locations (an access scope) is read location by location and merged up to
    /// `mergedScopeLimit` locations, as one query past it; either way the pages are the scope's records newest first,
    /// without gaps or repeats, with the other filters applied.
    @Test(arguments: TestEngine.available)
    func aScopeOfSeveralLocationsPagesLikeOneQuery(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seedReference(database)
            // 90 locations (past the merge's limit of 64); several records share a timestamp across locations.
            let codes = (0..<90).map { String(format: "M%02d", $0) }
            let items = (0..<270).map { Self.item(String(format: "s%03d", $0), minutes: Double($0 / 4), location: codes[($0 * 7) % 90], nps: $0 % 11) }
            _ = try await database.feedback.insert(items, createMissingReferences: true)
            func pages(_ filter: FeedbackFilter, limit: Int) async throws -> [String] {
                var seen: [String] = []
                var cursor: FeedbackCursor?
                repeat {
                    let page = try await database.feedback.list(filter, after: cursor, limit: limit)
                    #expect(page.items.count <= limit)
                    seen += page.items.map(\.id)
                    cursor = page.next
                } while cursor != nil
                return seen
            }
            func expected(_ scope: Set<String>, _ keep: (Feedback) -> Bool = { _ in true }) -> [String] {
                items.filter { scope.contains($0.location ?? "") && keep($0) }.sorted { ($0.ts, $0.id) > ($1.ts, $1.id) }.map(\.id)
            }
            for scope in [Set(codes.prefix(2)), Set(codes.prefix(64)), Set(codes.prefix(65)), Set(codes)] {
                var filter = FeedbackFilter()
                filter.scopeLocations = scope
                #expect(try await pages(filter, limit: 5) == expected(scope), "\(scope.count) locations")
                filter.from = Self.t0.addingTimeInterval(10 * 60)
                filter.to = Self.t0.addingTimeInterval(40 * 60)
                let window = expected(scope) { $0.ts >= Self.t0.addingTimeInterval(600) && $0.ts < Self.t0.addingTimeInterval(2_400) }
                #expect(try await pages(filter, limit: 3) == window, "\(scope.count) locations, a time window")
            }
            var one = FeedbackFilter(location: "M07")
            one.scopeLocations = Set(codes.prefix(10))
            #expect(try await pages(one, limit: 4) == expected(["M07"]))
            one.location = "M70"
            #expect(try await pages(one, limit: 4).isEmpty, "a location outside the scope")
            var none = FeedbackFilter()
            none.scopeLocations = []
            #expect(try await pages(none, limit: 4).isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func chunksVisitEverythingInTimeOrder(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seedReference(database)
            let items = (0..<23).map { Self.item("c\($0)", minutes: Double(23 - $0)) }
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            var visited: [Feedback] = []
            try await database.feedback.forEachChunk(size: 5) { visited += $0 }
            #expect(visited.map(\.id) == items.sorted { ($0.ts, $0.id) < ($1.ts, $1.id) }.map(\.id))
            var facts: [FeedbackFact] = []
            try await database.feedback.forEachFactChunk(size: 4) { facts += $0 }
            #expect(facts == visited.map(FeedbackFact.init))
        }
    }

    /// Concurrent writers share commits; a failing request is rolled back alone and gets its own error.
    @Test(arguments: TestEngine.available)
    func concurrentWritersShareCommitsAndFailAlone(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seedReference(database)
            _ = try await database.feedback.insert([Self.item("taken")], createMissingReferences: false)
            let results = await withTaskGroup(of: (Int, Bool).self) { group in
                for request in 0..<40 {
                    group.addTask {
                        let items: [Feedback] = switch request {
                        case 7: [Self.item("w7"), Self.item("taken", nps: 1)]  // conflict: the whole request fails
                        case 9: [Self.item("w9", location: "L404")]  // unknown code
                        default: [Self.item("w\(request)a"), Self.item("w\(request)b", minutes: 1)]
                        }
                        do {
                            _ = try await database.feedback.insert(items, createMissingReferences: false)
                            return (request, true)
                        } catch {
                            return (request, false)
                        }
                    }
                }
                var results: [Int: Bool] = [:]
                for await (request, ok) in group { results[request] = ok }
                return results
            }
            #expect(results.filter { !$0.value }.map(\.key).sorted() == [7, 9])
            #expect(try await database.feedback.count() == 1 + 38 * 2)
            #expect(try await database.feedback.get(id: "w7") == nil)
            #expect(try await database.feedback.get(id: "taken")?.nps == 9)
        }
    }

    @Test(arguments: TestEngine.available)
    func largeBatchInOneTransaction(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seedReference(database)
            let items = (0..<2_500).map { Self.item("big\($0)", minutes: Double($0)) }
            #expect(try await database.feedback.insert(items, createMissingReferences: false).inserted.count == 2_500)
            #expect(try await database.feedback.count() == 2_500)
        }
    }
}
