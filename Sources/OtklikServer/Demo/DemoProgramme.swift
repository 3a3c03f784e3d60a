import Foundation
import OtklikCore
import OtklikStore

/// The demo programme (issue 19): "call back detractors with an open complaint within a day", with its 10 % hold-out and
/// an effect planted in the data. 1 200 customers (`PRG-000000`…) each left a 0-6 complaint 100-200 days before the
/// end, with a phone and consent to be called about service; each complaint's case is opened, the programme is
/// triggered for it at the time (treated customers get the call-back note on their case and a contact in the ledger,
/// the hold-out nothing), and the case is resolved a day later. Planted: exactly 55 % of the treated and 40 % of the
/// hold-out buy again within 90 days — a retention effect of +15 points; the others buy later or not at all.
///
/// The programme is created after its data is stored, so the `programmes` feed consumer (which acts only on what arrives
/// after a programme exists) does not trigger it again for the demo's older detractors.
public enum DemoProgramme {
    public static let code = "callback-detractors"
    public static let customers = 1_200
    public static let treatedRetention = 0.55
    public static let holdoutRetention = 0.40
    /// The planted effect on 90-day retention, in percentage points.
    public static let plantedEffect = 15.0

    public static let definition = """
        {"code": "callback-detractors", "name": "Перезвонить критикам с открытой жалобой в течение дня",
         "trigger": "detractor_answer", "audience": ["open_complaint"], "action": {"kind": "callback", "within_hours": 24, "channels": ["phone"]},
         "limits": {"purpose": "service", "max_contacts": 2, "window_days": 7, "quiet_hours": {"from": "21:00", "to": "09:00"}},
         "holdout": 0.1, "outcome": "retention", "outcome_days": 90, "auto_pause": true, "expected_effect": 15}
        """

    static func customer(_ index: Int) -> String { String(format: "PRG-%06d", index) }

    /// Seeds the programme's data once (nothing when the programme exists); `end` is the demo's last day.
    public static func seed(_ app: OtklikApp, end: Date) async throws {
        let database = app.database
        guard try await database.programmes.programme(code: code) == nil else { return }
        let zone = TimeZone(identifier: try await database.reference.organisation().timezone) ?? TimeZone(identifier: "Europe/Moscow")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let firstDay = calendar.startOfDay(for: end.addingTimeInterval(-200 * 86_400))
        let complaints = (0..<customers).map { index in
            // Spread over 100 days, between 10:00 and 17:00 local time.
            let day = calendar.date(byAdding: .day, value: index * 100 / customers, to: firstDay)!
            let ts = day.addingTimeInterval(Double(10 * 3_600 + (index % 7) * 3_600 + (index % 60) * 60))
            return Feedback(
                id: "demo-prg-\(index)", ts: ts, channel: .qrWeb, kind: .complaint, customer: customer(index), nps: index % 7,
                comment: index % 2 == 0 ? "Долго ждал ответа по обращению" : "Никто не перезвонил", contact: "+7 917 " + String(format: "%07d", index))
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
        var arms: [(customer: String, at: Date, arm: HoldoutAssignment.Arm)] = []
        for complaint in complaints {
            let opened = try await database.cases.openCases(forFeedback: [complaint.id], schedule: schedule, now: complaint.ts).first
            let action = try await database.programmes.trigger(
                programme, event: ProgrammeTriggerEvent(key: "feedback:\(complaint.id)", customer: complaint.customer!, at: complaint.ts),
                organisationZone: zone, now: complaint.ts.addingTimeInterval(1_800))
            arms.append((complaint.customer!, complaint.ts, action.arm))
            if let opened {
                _ = try await database.cases.apply(
                    .resolve(code: "explained", note: nil), to: opened.id, actor: "demo", now: complaint.ts.addingTimeInterval(86_400), schedule: schedule)
            }
        }
        var purchases: [Transaction] = []
        for arm in HoldoutAssignment.Arm.allCases {
            let members = arms.filter { $0.arm == arm }
            let returning = Int((Double(members.count) * (arm == .treated ? treatedRetention : holdoutRetention)).rounded())
            for (index, member) in members.enumerated() {
                // Within the 90 days for the first `returning`, after them (or never) for the rest.
                let days = index < returning ? Double(5 + index % 80) : Double(100 + index % 60)
                let at = member.at.addingTimeInterval(days * 86_400 + 3_600)
                guard at < end || index < returning else { continue }
                purchases.append(Transaction(id: "demo-prg-t\(member.customer)", ts: at, customer: member.customer, amount: Double(1_500 + (index % 20) * 250)))
            }
        }
        _ = try await database.transactions.insert(purchases, createMissingReferences: false)
        try await app.follower.catchUp()
    }
}
