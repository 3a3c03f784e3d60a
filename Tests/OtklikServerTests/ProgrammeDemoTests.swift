import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// Issue 19's demo programme, "call back detractors with an open complaint within a day": its report's 95 % interval
/// contains the planted +15-point retention effect and excludes zero, the hold-out is about 10 % and was never called,
/// and the API serves the programmes, the report, and pause with clear errors.
@Suite struct ProgrammeDemoTests {
    @Test func theDemoProgrammesIntervalContainsThePlantedEffectAndExcludesZero() async throws {
        let test = try await TestApp.make()
        do {
            let end = Date()
            // The programme's complaints are at the demo's branches (DemoProgramme.location(of:)).
            try await DemoSeeder.prepareReference(test.app.database)
            let plan = try await Self.population(test, end: end)
            #expect(plan.count == DemoProgramme.customers)
            try await DemoProgramme.seed(test.app, end: end, plan: plan)
            let report = try await test.app.database.programmes.report(code: DemoProgramme.code)
            #expect(report.treated.n + report.holdout.n == DemoProgramme.customers)
            // One population: every programme customer is one of the demo's customers with purchases before the complaint.
            let prg = try await test.app.database.sql.query("SELECT COUNT(*) AS n FROM transactions WHERE customer_id LIKE 'PRG-%'").first?.int("n")
            #expect(prg == 0)
            for member in plan.prefix(100) {
                let before = try await test.app.database.sql.query(
                    "SELECT COUNT(*) AS n FROM transactions WHERE customer_id = ? AND ts < ?", [.text(member.customer), .int(Int64(member.complaintAt.timeIntervalSince1970 * 1000))]
                ).first?.int("n") ?? 0
                #expect(before > 0, "\(member.customer) bought before the complaint")
            }
            #expect(abs(Double(report.holdout.n) / Double(DemoProgramme.customers) - 0.1) < 0.03, "\(report.holdout.n)")
            let low = try #require(report.ciLow), high = try #require(report.ciHigh)
            #expect(low <= DemoProgramme.plantedEffect && DemoProgramme.plantedEffect <= high, "[\(low); \(high)]")
            #expect(low > 0, "the interval excludes zero: [\(low); \(high)]")
            #expect(report.pValue! < 0.05 && !report.harmful && report.test == "two_proportion_z")
            // Every treated customer was called back (a note on the case, a contact in the ledger); the hold-out never.
            let actions = try await test.app.database.programmes.actions(programme: DemoProgramme.code, limit: 10_000)
            #expect(actions.filter { $0.arm == .treated }.allSatisfy { $0.status == "done" && $0.channel == "phone" })
            #expect(actions.filter { $0.arm == .holdout }.allSatisfy { $0.status == "held_out" })
            for action in actions.prefix(50) {
                let contacts = try await test.app.database.programmes.contacts(of: action.customer, since: .distantPast)
                #expect(contacts.count == (action.arm == .treated ? 1 : 0))
            }
            // Seeding again changes nothing.
            try await DemoProgramme.seed(test.app, end: end, plan: plan)
            #expect(try await test.app.database.programmes.report(code: DemoProgramme.code) == report)
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    /// Feedback from 1 500 demo customers (every tenth complaining, its case left open) and their purchases with the
    /// programme planned among them.
    static func population(_ test: TestApp, end: Date) async throws -> [DemoProgramme.Member] {
        var items: [Feedback] = []
        for i in 0..<1_500 {
            let complaint = i % 10 == 0
            let ts = end.addingTimeInterval(-Double(300 + i % 50) * 86_400)
            let kind: FeedbackKind = complaint ? .complaint : .informative
            items.append(Feedback(
                id: "pop\(i)", ts: ts, channel: .web, kind: kind, customer: String(format: "C%06d", i), nps: complaint ? 2 : 9,
                comment: complaint ? "Плохо обслужили" : nil))
        }
        _ = try await test.app.database.feedback.insert(items, createMissingReferences: true)
        try await test.app.follower.catchUp()
        return try await DemoTransactions.seed(test.app.database, seed: 7, end: end, customers: 1_500, programme: true).programme
    }

    @Test func theAPICreatesListsReportsAndPausesProgrammes() async throws {
        try await TestApp.withRouter { test, client in
            let definition = """
                {"code": "welcome-back", "name": "Call back after a resolved complaint", "trigger": "complaint_resolved",
                 "action": {"kind": "callback"}, "outcome": "complaints", "outcome_days": 30}
                """
            try await client.execute(uri: "/api/v1/programmes", method: .post, headers: test.auth, body: ByteBuffer(string: definition)) { response in
                #expect(response.status == .created, "\(response.text)")
                #expect(response.json["code"] as? String == "welcome-back" && response.json["status"] as? String == "active")
                #expect((response.json["treated"] as? [String: Any])?["n"] as? Int == 0)
            }
            try await client.execute(uri: "/api/v1/programmes", method: .post, headers: test.auth, body: ByteBuffer(string: definition)) { response in
                #expect(response.status == .conflict)
            }
            let bad = #"{"code": "x", "name": "x", "trigger": "detractor_answer", "action": {"kind": "callback"}, "outcome": "nps", "holdout": 2}"#
            try await client.execute(uri: "/api/v1/programmes", method: .post, headers: test.auth, body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .unprocessableContent, "\(response.text)")
                #expect(response.text.contains("holdout"), "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/programmes", method: .get, headers: test.auth) { response in
                #expect((response.json["items"] as? [[String: Any]])?.map { $0["code"] as? String } == ["welcome-back"])
            }
            try await client.execute(uri: "/api/v1/programmes/welcome-back/report", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                for key in ["treated", "holdout", "effect", "ci_low", "ci_high", "p_value", "mde", "harmful"] {
                    #expect(response.json.keys.contains(key), "\(key) in \(response.text)")
                }
            }
            try await client.execute(uri: "/api/v1/programmes/welcome-back/pause", method: .post, headers: test.auth) { response in
                #expect(response.json["status"] as? String == "paused" && response.json["status_reason"] as? String == "api")
            }
            try await client.execute(uri: "/api/v1/programmes/nope/report", method: .get, headers: test.auth) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func theCommandLineCreatesListsPausesAndReports() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = "sqlite:\(directory.path)/x.sqlite"
        let feedback = directory.appendingPathComponent("f.csv")
        try "id,ts,channel,location,nps\nf1,2026-03-02T09:15:00Z,terminal,L1,9\n".write(to: feedback, atomically: true, encoding: .utf8)
        #expect(try CLITests.run(["import", "feedback", feedback.path, "--db", db], in: directory).status == 0)
        let file = directory.appendingPathComponent("p.json")
        try DemoProgramme.definition.write(to: file, atomically: true, encoding: .utf8)
        let created = try CLITests.run(["programme", "create", file.path, "--db", db], in: directory)
        #expect(created.status == 0 && created.output.contains("created callback-detractors\tactive\ttreated 0\thold-out 0"), "\(created.output)")
        let list = try CLITests.run(["programme", "list", "--db", db, "--format", "json"], in: directory)
        #expect(list.status == 0 && list.output.contains("\"code\" : \"callback-detractors\"") || list.output.contains("\"code\":\"callback-detractors\""), "\(list.output)")
        #expect(try CLITests.run(["programme", "pause", "callback-detractors", "--db", db], in: directory).output.contains("paused callback-detractors"))
        let report = try CLITests.run(["programme", "report", "callback-detractors", "--db", db, "--format", "json"], in: directory)
        let json = try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any]
        #expect(json?["harmful"] as? Bool == false && (json?["treated"] as? [String: Any])?["n"] as? Int == 0, "\(report.output)")
        let bad = directory.appendingPathComponent("bad.json")
        try #"{"code": "b", "name": "B", "trigger": "detractor_answer", "action": {"kind": "callback"}, "outcome": "ltv"}"#
            .write(to: bad, atomically: true, encoding: .utf8)
        let refused = try CLITests.run(["programme", "create", bad.path, "--db", db], in: directory)
        #expect(refused.status == 2 && refused.output.contains("outcome: 'ltv' is not one of retention, complaints, nps, revenue, clv"), "\(refused.output)")
    }
}
