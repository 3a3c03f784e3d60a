import Foundation
import Logging
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Employee voice: an issue opens an `employee` case that follows the loop, and its status link tells the employee
/// how it was resolved — on both engines; and the SQLite rebuild of `cases` keeps existing cases and their history.
@Suite struct EmployeeVoiceContractTests {
    static let monday = ISO8601DateFormatter().date(from: "2026-03-02T10:00:00Z")!
    static let schedule = CaseSchedule(clock: BusinessClock(timeZone: TimeZone(identifier: "UTC")!))

    @Test(arguments: TestEngine.available)
    func anIssueOpensACaseTheEmployeeFollows(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager"))
            try await database.reference.save(Staff(code: "HR", name: "Процессы", location: "L1"))
            try await database.reference.save(Staff(code: "S5", name: "Кассир", location: "L1"))
            try await database.assignmentRules.replaceAll([AssignmentRule(name: "Идеи о кассе", caseType: .employee, reason: "cash_desk", owner: "HR")])
            var schedule = Self.schedule
            try await database.slaPolicies.replaceAll([SLAPolicy(name: "Сотрудники", caseType: .employee, firstResponseHours: 8, resolutionHours: 40)])
            schedule.policies = try await database.slaPolicies.policies()
            let issue = EmployeeIssue(id: "e1", kind: .idea, staff: "S5", location: "L1", topic: "cash_desk", text: "  Второй терминал у кассы  ")
            let (opened, token, repeated) = try await database.employeeVoice.submit(issue, schedule: schedule, now: Self.monday)
            #expect(!repeated && opened.kind == .employee && opened.feedbackId == nil && opened.issueId == "e1" && opened.owner == "HR")
            #expect(opened.dueAt == ISO8601DateFormatter().date(from: "2026-03-06T14:00:00Z"), "the employee policy: 40 business hours")
            let again = try await database.employeeVoice.submit(issue, schedule: schedule, now: Self.monday)
            #expect(again.repeated && again.token == token && again.0.id == opened.id, "a resend is stored once")
            var changed = issue
            changed.text = "другое"
            await #expect(throws: OtklikError.self) { _ = try await database.employeeVoice.submit(changed, schedule: schedule, now: Self.monday) }
            await #expect(throws: OtklikError.self) {
                _ = try await database.employeeVoice.submit(EmployeeIssue(id: "e2", kind: .issue, staff: "NOBODY", text: "x"), schedule: schedule, now: Self.monday)
            }
            await #expect(throws: OtklikError.self) {
                _ = try await database.employeeVoice.submit(EmployeeIssue(id: "e3", kind: .issue, text: "   "), schedule: schedule, now: Self.monday)
            }
            let (plain, _, _) = try await database.employeeVoice.submit(EmployeeIssue(id: "e4", kind: .issue, location: "L1", text: "Сломан принтер"), schedule: schedule, now: Self.monday)
            #expect(plain.owner == "M1", "no rule: the location's manager")
            try await database.followCaseLines()
            #expect(try await database.notifications.notifications(for: .staff("HR"), unreadOnly: true, limit: 5).first?.caseId == opened.id)

            var status = try #require(try await database.employeeVoice.status(token: token))
            #expect(status.issue.text == "Второй терминал у кассы" && status.caseItem.status == .new && status.resolutionNote == nil)
            #expect(try await database.employeeVoice.status(token: "otv_wrong") == nil)
            _ = try await database.cases.apply(.note("обсудить с ИТ"), to: opened.id, actor: "hr", now: Self.monday, schedule: schedule)
            _ = try await database.cases.apply(
                .resolve(code: "fixed", note: "Терминал заказан: будет с 1 апреля"), to: opened.id, actor: "hr", now: Self.monday, schedule: schedule)
            status = try #require(try await database.employeeVoice.status(token: token))
            #expect(status.caseItem.status == .resolved && status.caseItem.resolutionCode == "fixed")
            #expect(status.resolutionNote == "Терминал заказан: будет с 1 апреля", "the employee learns how it was resolved, not the internal note")
            let reopened = try await database.cases.apply(.reopen(reason: "не заказали"), to: opened.id, actor: "hr", now: Self.monday, schedule: schedule)
            #expect(reopened.dueAt == ISO8601DateFormatter().date(from: "2026-03-06T14:00:00Z"), "reopening uses the employee policy")
            let facts = try await database.cases.facts(from: nil, to: nil, locations: [])
            #expect(facts.count == 2 && facts.allSatisfy { $0.recovered == nil }, "employee cases are in the reports, with no customer to recover")
        }
    }

    /// Upgrades a database that has cases from before employee voice: SQLite rebuilds `cases`, PostgreSQL alters it.
    @Test(arguments: TestEngine.available)
    func theUpgradeKeepsCasesAndTheirHistory(engine: TestEngine) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-migrate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var url = ""
        var admin: PostgresDatabase?
        var name = ""
        let sql: any SQLDatabase
        switch engine {
        case .sqlite:
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            url = "sqlite:" + directory.appendingPathComponent("old.sqlite").path
            sql = try SQLiteDatabase(path: directory.appendingPathComponent("old.sqlite").path)
        case .postgres:
            let base = try #require(TestEngine.postgresURL)
            name = "otklik_m_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            admin = try PostgresDatabase(url: base, logger: TestEngine.logger)
            try await admin?.execute("CREATE DATABASE \(name)")
            var components = try #require(URLComponents(string: base))
            components.path = "/\(name)"
            url = try #require(components.string)
            sql = try PostgresDatabase(url: url, logger: TestEngine.logger)
        }
        do {
            try await Migrator(migrations: Migrations.all.filter { $0.id < "0016e" }).migrate(sql, logger: TestEngine.logger)
            try await sql.execute("INSERT INTO locations (code, name) VALUES ('L1', 'Офис')")
            try await sql.execute(
                "INSERT INTO feedback (id, ts, channel, kind, location_code, csat, contact, received_at) VALUES ('f1', 1, 'qr_web', 'informative', 'L1', 2, '+7', 1)")
            try await sql.execute(
                "INSERT INTO cases (id, feedback_id, location_code, status, opened_at, due_at, priority) VALUES ('case-f1', 'f1', 'L1', 'new', 1, 2, 'low')")
            try await sql.execute("INSERT INTO case_events (case_id, seq, at, actor, kind) VALUES ('case-f1', 1, 1, 'otklik', 'opened')")
            try await sql.execute("INSERT INTO problems (id, location_code, theme, status, opened_at) VALUES ('p1', 'L1', 'x', 'open', 1)")
            try await sql.execute("INSERT INTO problem_cases (problem_id, case_id) VALUES ('p1', 'case-f1')")
            try await sql.execute(
                "INSERT INTO sla_policies (position, name, case_type, first_response_hours, resolution_hours) VALUES (0, 'Низкие', 'low_score', 8, 24)")
            try await sql.close()
            let database = try await AppDatabase.open(url, logger: TestEngine.logger)
            let (item, events) = try #require(try await database.cases.get(id: "case-f1"))
            #expect(item.kind == .lowScore && item.priority == .low && item.feedbackId == "f1" && events.map(\.kind) == [.opened])
            #expect(try await database.slaPolicies.policies().map(\.name) == ["Низкие"])
            // Foreign keys still hold after the upgrade: a history line for a case that does not exist is refused.
            await #expect(throws: (any Error).self) {
                try await database.sql.execute("INSERT INTO case_events (case_id, seq, at, actor, kind) VALUES ('case-none', 1, 1, 'otklik', 'opened')")
            }
            try await database.close()
        } catch {
            try? await sql.close()
            try? await admin?.execute("DROP DATABASE \(name) WITH (FORCE)")
            try? await admin?.close()
            throw error
        }
        try await admin?.execute("DROP DATABASE \(name) WITH (FORCE)")
        try await admin?.close()
    }
}
