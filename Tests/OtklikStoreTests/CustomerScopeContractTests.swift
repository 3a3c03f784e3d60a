import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Issue 21 item 3 in the store, on both engines: a customer's timeline limited to some locations holds only the
/// records there (and counts only them); a customer is visible to a scoped caller only with a record there; a
/// scoped search finds no one else.
///
/// The data: C1 answered at L01 (f1) and L02 (f2) and made a service request without a location (r-1); C2 answered at
/// L02 only (f3).
@Suite struct CustomerScopeContractTests {
    typealias Fixture = FeedbackRepositoryContractTests

    static func answer(_ id: String, minutes: Double, location: String, customer: String) -> Feedback {
        Feedback(id: id, ts: Fixture.t0.addingTimeInterval(minutes * 60), channel: .terminal, kind: .informative, location: location,
                 customer: customer, nps: 9)
    }

    @Test(arguments: TestEngine.available)
    func aScopedTimelineHoldsOnlyTheRecordsAtItsLocations(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            _ = try await database.feedback.insert(
                [Self.answer("f1", minutes: 0, location: "L01", customer: "C1"), Self.answer("f2", minutes: 1, location: "L02", customer: "C1"),
                 Self.answer("f3", minutes: 2, location: "L02", customer: "C2")], createMissingReferences: false)
            let request = ServiceRequest(id: "r-1", service: "SV1", channel: .web, customer: "C1", submittedAt: Fixture.t0, status: .open)
            _ = try await database.process.insert([request], createMissingReferences: false)
            let customers = database.customers

            let whole = try await customers.timeline(of: "C1", offset: 0, limit: 50)
            #expect(Set(whole.items.map(\.id)) == ["f1", "f2", "r-1"] && whole.total == 3)
            let l01 = try await customers.timeline(of: "C1", offset: 0, limit: 50, locations: ["L01"])
            #expect(l01.items.map(\.id) == ["f1"] && l01.total == 1 && l01.nextOffset == nil, "the request has no location: left out")
            let both = try await customers.timeline(of: "C1", offset: 0, limit: 1, locations: ["L01", "L02"])
            #expect(both.items.map(\.id) == ["f2"] && both.total == 2 && both.nextOffset == 1, "newest first, paged over the located records")
            let none = try await customers.timeline(of: "C1", offset: 0, limit: 50, locations: [])
            #expect(none.items.isEmpty && none.total == 0)

            #expect(try await customers.hasRecord(customer: "C1", at: ["L02"]))
            #expect(try await !customers.hasRecord(customer: "C2", at: ["L01"]))
            #expect(try await !customers.hasRecord(customer: "C1", at: []))
            #expect(try await customers.isVisible("C2", within: nil), "the organisation sees everyone")

            #expect(try await customers.search("C2", limit: 10, locations: ["L01"]).isEmpty, "C2 has no record at L01")
            #expect(try await customers.search("C2", limit: 10, locations: nil).map(\.id) == ["C2"])
            #expect(try await customers.search("C1", limit: 10, locations: ["L01"]).map(\.id) == ["C1"])
        }
    }

    /// A customer's data export limited to some locations (issue 21 item 3): only the records there, the
    /// organisation-wide sections named as left out, and no export of a customer without a record there.
    @Test(arguments: TestEngine.available)
    func aScopedExportHoldsOnlyTheRecordsAtItsLocations(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            _ = try await database.feedback.insert(
                [Self.answer("f1", minutes: 0, location: "L01", customer: "C1"), Self.answer("f2", minutes: 1, location: "L02", customer: "C1"),
                 Self.answer("f3", minutes: 2, location: "L02", customer: "C2")], createMissingReferences: false)
            let request = ServiceRequest(id: "r-1", service: "SV1", channel: .web, customer: "C1", submittedAt: Fixture.t0, status: .open)
            _ = try await database.process.insert([request], createMissingReferences: false)
            func ids(_ export: PersonalDataExport?, _ section: String) -> [String] {
                (export?.sections[section] ?? []).compactMap { row -> String? in
                    guard case .text(let id)? = row["id"] else { return nil }
                    return id
                }
            }

            let whole = try #require(try await PersonalDataExport.load("C1", database: database.sql))
            #expect(ids(whole, "feedback") == ["f1", "f2"] && ids(whole, "service_requests") == ["r-1"])
            #expect(whole.locations == nil && whole.leftOut.isEmpty && whole.sections["merges"] != nil)

            let l01 = try #require(try await PersonalDataExport.load("C1", database: database.sql, locations: ["L01"]))
            #expect(ids(l01, "feedback") == ["f1"], "not the answer at L02")
            #expect(ids(l01, "service_requests").isEmpty, "the request has no location: left out")
            #expect(ids(l01, "customers") == ["C1"])
            #expect(l01.locations == ["L01"] && l01.leftOut == ["acquisition", "merges", "review"])
            #expect(l01.sections["merges"] == nil && l01.sections["acquisition"] == nil)

            let both = try #require(try await PersonalDataExport.load("C1", database: database.sql, locations: ["L02", "L01"]))
            #expect(ids(both, "feedback") == ["f1", "f2"] && both.locations == ["L01", "L02"])

            #expect(try await PersonalDataExport.load("C2", database: database.sql, locations: ["L01"]) == nil, "no record at L01")
            #expect(try await PersonalDataExport.load("C1", database: database.sql, locations: []) == nil, "a scope without locations")
            #expect(try await PersonalDataExport.load("nobody", database: database.sql, locations: ["L01"]) == nil)
        }
    }
}
