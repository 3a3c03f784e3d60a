import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing
@testable import OtklikApplication
@testable import OtklikServer

/// Closing-the-loop reports on hand-built cases (business hours 09:00-18:00, Moscow, Mon-Fri).
@Suite struct CaseReportTests {
    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "+03:00")! }

    static func complaint(_ id: String, contact: String, ts: Date) -> Feedback {
        Feedback(id: id, ts: ts, channel: .qrWeb, kind: .complaint, location: "L01", csat: 1, comment: "x", contact: contact)
    }

    /// Recovery follows the customer, not only the contact as written: d's complainant (customer K1, "+7 900 111-22-33")
    /// comes back happy writing the phone as "8 900 1112233" — the same customer after normalisation, recovered; e's
    /// complainant (K2) does not, and a stranger's CSAT 5 without a contact does not count for them. 1 of 2 = 50 %.
    @Test func recoveryFollowsTheCustomer() async throws {
        let test = try await TestApp.make()
        do {
            let schedule = try await test.app.caseSchedule.current()
            let cases = test.app.database.cases
            let monday = Self.at("2026-03-02T10:00:00")
            var d = Self.complaint("d", contact: "+7 900 111-22-33", ts: monday)
            d.customer = "K1"
            var e = Self.complaint("e", contact: "+7 900 222-33-44", ts: monday)
            e.customer = "K2"
            _ = try await test.app.database.feedback.insert([d, e], createMissingReferences: false)
            _ = try await cases.openCases(forFeedback: ["d", "e"], schedule: schedule, now: monday)
            for id in ["case-d", "case-e"] {
                _ = try await cases.apply(.resolve(code: "fixed", note: nil), to: id, actor: "anna", now: Self.at("2026-03-02T15:00:00"), schedule: schedule)
            }
            _ = try await test.app.database.feedback.insert([
                Feedback(id: "d2", ts: Self.at("2026-03-06T12:00:00"), channel: .qrWeb, kind: .informative, location: "L01", csat: 5, contact: "8 900 1112233"),
                Feedback(id: "x", ts: Self.at("2026-03-06T12:00:00"), channel: .qrWeb, kind: .informative, location: "L01", customer: "K3", csat: 5),
            ], createMissingReferences: false)
            let reports = CaseReports(database: test.app.database, schedule: test.app.caseSchedule)
            let recovery = try await reports.report(.recoveryRate, parameters: [:], minimumN: 1, now: Self.at("2026-03-09T12:00:00")).overall
            #expect(recovery.n == 2 && recovery.value == 50, "\(recovery)")
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    @Test func attainmentTimesReopenAndRecovery() async throws {
        let test = try await TestApp.make()
        do {
            var organisation = try await test.app.database.reference.organisation()
            organisation.timezone = "Europe/Moscow"
            try await test.app.database.reference.save(organisation)
            let schedule = try await test.app.caseSchedule.current()
            let cases = test.app.database.cases
            let monday = Self.at("2026-03-02T10:00:00")  // 16 business hours: due Tuesday 17:00
            _ = try await test.app.database.feedback.insert(
                [Self.complaint("a", contact: "+7 1", ts: monday), Self.complaint("b", contact: "+7 2", ts: monday), Self.complaint("c", contact: "+7 3", ts: monday)],
                createMissingReferences: false)
            _ = try await cases.openCases(forFeedback: ["a", "b", "c"], schedule: schedule, now: monday)
            // a: first response Monday 11:00 (1 h), resolved Monday 15:00 (5 h): in time.
            _ = try await cases.apply(.comment("смотрим"), to: "case-a", actor: "anna", now: Self.at("2026-03-02T11:00:00"), schedule: schedule)
            _ = try await cases.apply(.resolve(code: "fixed", note: nil), to: "case-a", actor: "anna", now: Self.at("2026-03-02T15:00:00"), schedule: schedule)
            // b: first response Tuesday 10:00 (9 h, late), resolved Wednesday 10:00 (18 h, late), then reopened.
            _ = try await cases.apply(.comment("смотрим"), to: "case-b", actor: "anna", now: Self.at("2026-03-03T10:00:00"), schedule: schedule)
            _ = try await cases.apply(.resolve(code: "explained", note: nil), to: "case-b", actor: "anna", now: Self.at("2026-03-04T10:00:00"), schedule: schedule)
            _ = try await cases.apply(.reopen(reason: "не помогло"), to: "case-b", actor: "anna", now: Self.at("2026-03-04T12:00:00"), schedule: schedule)
            // c: untouched and past its deadline on Thursday.
            // a's complainant comes back happy on Friday: recovered.
            _ = try await test.app.database.feedback.insert(
                [Feedback(id: "a2", ts: Self.at("2026-03-06T12:00:00"), channel: .qrWeb, kind: .informative, location: "L01", csat: 5, contact: "+7 1")],
                createMissingReferences: false)
            let reports = CaseReports(database: test.app.database, schedule: test.app.caseSchedule)
            let now = Self.at("2026-03-05T12:00:00")
            func value(_ metric: CaseMetric) async throws -> MetricValue {
                try await reports.report(metric, parameters: [:], minimumN: 1, now: now).overall
            }
            // Resolved: a (in time); open past due: b (reopened, now open, new deadline Thursday 12:00 + 16 h… not yet past) and c.
            let attainment = try await value(.slaAttainment)
            #expect(attainment.n == 2 && attainment.value == 50, "a met, c missed; b is open again and not yet due")
            let firstResponse = try await value(.firstResponseAttainment)
            #expect(firstResponse.n == 3 && abs((firstResponse.value ?? 0) - 100.0 / 3) < 1e-9, "a in time, b late, c none and past due")
            let resolution = try await value(.resolutionHours)
            #expect(resolution.n == 1 && resolution.value == 5)
            let responseHours = try await value(.firstResponseHours)
            #expect(responseHours.n == 2 && responseHours.value == 5, "(1 + 9) / 2")
            let reopen = try await value(.reopenRate)
            #expect(reopen.n == 2 && reopen.value == 50)
            let recovery = try await value(.recoveryRate)
            #expect(recovery.n == 1 && recovery.value == 100)
            #expect(try await value(.backlog).value == 2)
            // b and c, both opened Monday 10:00, open on Thursday 12:00: 8 + 9 + 9 + 3 business hours.
            let age = try await value(.backlogAgeHours)
            #expect(age.n == 2 && age.value == 29)
            let bands = try await reports.report(.backlog, parameters: ["by": "age"], minimumN: 1, now: now)
            #expect(bands.groups.map { $0.key["age"] ?? "" } == ["3-7d"] && bands.groups.first?.value.value == 2)
            let resolvedBands = try await reports.report(.resolutionHours, parameters: ["by": "age"], minimumN: 1, now: now)
            #expect(resolvedBands.groups.map { $0.key["age"] ?? "" } == ["0-1d"], "a was resolved the day it opened")
            try await test.app.buildApplication().test(.router) { client in
                try await client.execute(uri: "/api/v1/metrics?metric=backlog&by=owner,month", method: .get, headers: test.auth) { response in
                    #expect((response.json["definition"] as? String)?.hasPrefix("Open cases") == true)
                    #expect((response.json["overall"] as? [String: Any])?["value"] as? Double == 2)
                }
                try await client.execute(uri: "/api/v1/metrics?metric=sla_attainment&by=queue", method: .get, headers: test.auth) {
                    #expect($0.errorField == "by")
                }
            }
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    /// `/case-reports` asks about forty reports of the same cases; a copy made by `sharingReads()` reads each selection of
    /// cases (period, locations) once and gives the same reports as reading them each time. It keeps what it read: a
    /// case opened after its first read is not in its next report of the same selection (a new copy sees it), while a
    /// report of another selection reads afresh.
    @Test func sharedReadsGiveTheSameReportsAndReadEachSelectionOnce() async throws {
        let test = try await TestApp.make()
        do {
            let schedule = try await test.app.caseSchedule.current()
            let cases = test.app.database.cases
            let monday = Self.at("2026-03-02T10:00:00")
            _ = try await test.app.database.feedback.insert(
                [Self.complaint("a", contact: "+7 1", ts: monday), Self.complaint("b", contact: "+7 2", ts: monday)], createMissingReferences: false)
            _ = try await cases.openCases(forFeedback: ["a", "b"], schedule: schedule, now: monday)
            _ = try await cases.apply(.resolve(code: "fixed", note: nil), to: "case-a", actor: "anna", now: Self.at("2026-03-02T15:00:00"), schedule: schedule)
            let plain = CaseReports(database: test.app.database, schedule: test.app.caseSchedule)
            let shared = plain.sharingReads()
            let now = Self.at("2026-03-05T12:00:00")
            for metric in CaseMetric.allCases {
                for by in ["", "location", "staff", "team", "month", "age"] {
                    let parameters = by.isEmpty ? [:] : ["by": by]
                    let expected = try await plain.report(metric, parameters: parameters, minimumN: 1, now: now)
                    let got = try await shared.report(metric, parameters: parameters, minimumN: 1, now: now)
                    #expect(got.overall == expected.overall && got.groups.map(\.key) == expected.groups.map(\.key), "\(metric) by \(by)")
                    #expect(got.groups.map(\.value) == expected.groups.map(\.value), "\(metric) by \(by)")
                }
            }
            // A third complaint's case, opened after the shared copy's reads.
            _ = try await test.app.database.feedback.insert([Self.complaint("c", contact: "+7 3", ts: monday)], createMissingReferences: false)
            _ = try await cases.openCases(forFeedback: ["c"], schedule: schedule, now: monday)
            #expect(try await shared.report(.backlog, parameters: [:], minimumN: 1, now: now).overall.value == 1, "kept: b only")
            #expect(try await plain.report(.backlog, parameters: [:], minimumN: 1, now: now).overall.value == 2, "b and c")
            #expect(try await plain.sharingReads().report(.backlog, parameters: [:], minimumN: 1, now: now).overall.value == 2)
            let march = ["from": "2026-03-01", "to": "2026-04-01"]
            #expect(try await shared.report(.backlog, parameters: march, minimumN: 1, now: now).overall.value == 2, "another selection reads afresh")
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }
}
