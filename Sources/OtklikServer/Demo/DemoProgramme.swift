import Foundation
import OtklikCore
import OtklikStore

/// The demo programme (issue 19): "call back detractors with an open complaint within a day", with its 10 % hold-out and
/// an effect planted in the data. Its customers are the demo's own (``DemoTransactions``' population, one population for
/// churn, value and programmes): up to 1 200 of those without an unresolved complaint, drawn by a hash of their id
/// (``plan(customers:end:calendar:)``). Each left a 0-6 complaint 276-330 days before the end, with their phone and consent to be
/// called about service, on a branch's QR form (``location(of:)``); each complaint's case is opened, the programme is triggered for it at the time (treated
/// customers get the call-back note on their case and a contact in the ledger, the hold-out nothing), and the case is
/// resolved a day later. Planted (in their purchases, which ``DemoTransactions`` writes from the plan): exactly 55 % of
/// the treated and 40 % of the hold-out buy again within 90 days — a retention effect of +15 points; the others buy
/// again after 100-160 days or never.
///
/// The programme is created after its data is stored, so the `programmes` feed consumer (which acts only on what arrives
/// after a programme exists) does not trigger it again for the demo's older detractors.
public enum DemoProgramme {
    public static let code = "callback-detractors"
    public static let customers = 1_200
    public static let treatedRetention = 0.55
    public static let holdoutRetention = 0.40
    public static let holdoutShare = 0.1
    /// The planted effect on 90-day retention, in percentage points.
    public static let plantedEffect = 15.0

    public static let definition = """
        {"code": "callback-detractors", "name": "Перезвонить критикам с открытой жалобой в течение дня",
         "trigger": "detractor_answer", "audience": ["open_complaint"], "action": {"kind": "callback", "within_hours": 24, "channels": ["phone"]},
         "limits": {"purpose": "service", "max_contacts": 2, "window_days": 7, "quiet_hours": {"from": "21:00", "to": "09:00"}},
         "holdout": 0.1, "outcome": "retention", "outcome_days": 90, "auto_pause": true, "expected_effect": 15}
        """

    /// One programme customer: the complaint's time, the arm the programme will draw (``HoldoutAssignment`` is a pure
    /// hash, so the plan knows it before the trigger) and the planted outcome — the days from the complaint to the
    /// next purchase (under 90 for those who return within the window, 100-160 or nil for the others).
    public struct Member: Sendable, Equatable {
        public let index: Int
        public let customer: String
        public let complaintAt: Date
        public let arm: HoldoutAssignment.Arm
        public let nextPurchaseDays: Double?

        public var returnsWithinWindow: Bool { (nextPurchaseDays ?? .infinity) < 90 }
    }

    /// The programme's customers among `population` (ids of customers without an unresolved complaint): up to
    /// ``customers``, the ones with the smallest hash of their id, ordered by id; complaints spread over the 55 days from
    /// 330 days before `end`, between 10:00 and 17:00 in `calendar`'s zone: every outcome window closes half a year
    /// before the end, before the churn model's windows (features 180 and 90 days before the end, each over the 90 days
    /// before), so the programme's planted stops neither teach nor test it. (Complaints inside those windows, each
    /// followed by a planted stop, taught it that complaints mean churn where the demo's other complaints do not, and its
    /// validation AUC fell below recency's.)
    public static func plan(customers population: [String], end: Date, calendar: Calendar) -> [Member] {
        let chosen = population.sorted { HoldoutAssignment.unit("demo-prg:\($0)") < HoldoutAssignment.unit("demo-prg:\($1)") }
            .prefix(customers).sorted()
        let firstDay = calendar.startOfDay(for: end.addingTimeInterval(-330 * 86_400))
        let drawn = chosen.enumerated().map { index, customer in
            let day = calendar.date(byAdding: .day, value: index * 55 / max(chosen.count, 1), to: firstDay)!
            let ts = day.addingTimeInterval(Double(10 * 3_600 + (index % 7) * 3_600 + (index % 60) * 60))
            return (index, customer, ts, HoldoutAssignment.arm(programme: code, customer: customer, share: holdoutShare))
        }
        var members: [Member] = []
        for arm in HoldoutAssignment.Arm.allCases {
            let inArm = drawn.filter { $0.3 == arm }
            let returning = Int((Double(inArm.count) * (arm == .treated ? treatedRetention : holdoutRetention)).rounded())
            for (rank, item) in inArm.enumerated() {
                // Within the 90 days for the first `returning`; after them (every other one) or never for the rest.
                let days: Double? = rank < returning ? Double(5 + rank % 80) : (rank % 2 == 0 ? Double(100 + rank % 60) : nil)
                members.append(Member(index: item.0, customer: item.1, complaintAt: item.2, arm: arm, nextPurchaseDays: days))
            }
        }
        return members.sorted { $0.index < $1.index }
    }

    /// The service point whose QR form a programme customer complained on: a hash of the customer over the demo's
    /// branches (the contact centre has no QR form), so the programme's cases count at a location in the case reports
    /// without moving them in time or drawing from any random stream.
    static func location(of customer: String) -> String {
        let branches = DemoProcessGenerator.branches
        return branches[min(branches.count - 1, Int(HoldoutAssignment.unit("demo-prg-location:\(customer)") * Double(branches.count)))]
    }

    /// Seeds the programme's data once (nothing when the programme exists) for the customers of `plan` (from
    /// ``DemoTransactions/seed(_:seed:end:customers:programme:)``, whose purchases carry the planted outcome); `end` is the demo's last day.
    public static func seed(_ app: OtklikApp, end: Date, plan: [Member]) async throws {
        let database = app.database
        guard try await database.programmes.programme(code: code) == nil else { return }
        let zone = TimeZone(identifier: try await database.reference.organisation().timezone) ?? TimeZone(identifier: "Europe/Moscow")!
        let complaints = plan.map { member in
            Feedback(
                id: "demo-prg-\(member.index)", ts: member.complaintAt, channel: .qrWeb, kind: .complaint, location: location(of: member.customer),
                customer: member.customer, nps: member.index % 7,
                comment: member.index % 2 == 0 ? "Долго ждал ответа по обращению" : "Никто не перезвонил",
                contact: DemoCustomers.phone(of: member.customer, spelling: member.index))
        }
        for start in stride(from: 0, to: complaints.count, by: 500) {
            _ = try await database.feedback.insert(Array(complaints[start..<min(start + 500, complaints.count)]), createMissingReferences: false)
            try await app.follower.catchUp()
        }
        try await database.consents.record(complaints.map {
            Consent(id: "demo-prg-consent-\($0.customer!)", customer: $0.customer!, purpose: .service, channel: "phone", source: "demo",
                givenAt: $0.ts.addingTimeInterval(-365 * 86_400))
        })
        let programme = try ProgrammeDefinition.parse(Data(definition.utf8))
        try await database.programmes.create(programme)
        let schedule = try await app.caseSchedule.current()
        for complaint in complaints {
            let opened = try await database.cases.openCases(forFeedback: [complaint.id], schedule: schedule, now: complaint.ts).first
            _ = try await database.programmes.trigger(
                programme, event: ProgrammeTriggerEvent(key: "feedback:\(complaint.id)", customer: complaint.customer!, at: complaint.ts),
                organisationZone: zone, now: complaint.ts.addingTimeInterval(1_800))
            if let opened {
                _ = try await database.cases.apply(
                    .resolve(code: "explained", note: nil), to: opened.id, actor: "demo", now: complaint.ts.addingTimeInterval(86_400), schedule: schedule)
            }
        }
        try await app.follower.catchUp()
    }
}
