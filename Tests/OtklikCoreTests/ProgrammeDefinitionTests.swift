import Foundation
import OtklikCore
import Testing

/// A programme's JSON definition: read with every field, written back to the same programme, and refused with the
/// field named when wrong.
@Suite struct ProgrammeDefinitionTests {
    static let demo = """
        {"code": "callback-detractors", "name": "Call back detractors with an open complaint within a day", "trigger": "detractor_answer",
         "audience": ["open_complaint"], "action": {"kind": "callback", "within_hours": 24, "channels": ["phone"]},
         "limits": {"purpose": "service", "max_contacts": 2, "window_days": 7, "quiet_hours": {"from": "21:00", "to": "09:00"}},
         "holdout": 0.1, "outcome": "retention", "outcome_days": 90, "auto_pause": true, "expected_effect": 15}
        """

    @Test func aFullDefinitionIsReadAndWrittenBackUnchanged() throws {
        let programme = try ProgrammeDefinition.parse(Data(Self.demo.utf8))
        #expect(programme.code == "callback-detractors")
        #expect(programme.trigger == .detractorAnswer)
        #expect(programme.audience == [.openComplaint])
        #expect(programme.action == ProgrammeAction(kind: .callback, withinHours: 24, channels: ["phone"]))
        #expect(programme.limits == ContactLimits(purpose: .service, maxContacts: 2, windowDays: 7, quietFromMinute: 1260, quietToMinute: 540))
        #expect(programme.holdoutShare == 0.1 && programme.outcome == .retention && programme.outcomeDays == 90 && programme.autoPause)
        #expect(programme.expectedEffect == 15 && programme.status == .active && !programme.globalHoldout)
        #expect(try ProgrammeDefinition.parse(ProgrammeDefinition.json(programme)) == programme)
    }

    @Test func defaultsFillWhatIsLeftOut() throws {
        let programme = try ProgrammeDefinition.parse(Data("""
            {"code": "p1", "name": "P", "trigger": "case_overdue", "action": {"kind": "callback"}, "outcome": "nps"}
            """.utf8))
        #expect(programme.holdoutShare == 0.1)
        #expect(programme.limits == ContactLimits())
        #expect(programme.action.withinHours == 24 && programme.action.channels == ["phone"])
        #expect(programme.outcomeDays == 90 && !programme.autoPause && programme.expectedEffect == nil)
    }

    @Test(arguments: [
        ("[1]", nil as String?),
        (#"{"code": "Bad Code", "name": "x", "trigger": "detractor_answer", "action": {"kind": "callback"}, "outcome": "nps"}"#, "code"),
        (#"{"code": "a", "name": "x", "trigger": "birthday", "action": {"kind": "callback"}, "outcome": "nps"}"#, "trigger"),
        (#"{"code": "a", "name": "x", "trigger": "detractor_answer", "action": {"kind": "sms"}, "outcome": "nps"}"#, "action.kind"),
        (#"{"code": "a", "name": "x", "trigger": "detractor_answer", "action": {"kind": "callback"}, "outcome": "nps", "holdout": 0.9}"#, "holdout"),
        (#"{"code": "a", "name": "x", "trigger": "detractor_answer", "action": {"kind": "callback"}, "outcome": "nps", "limits": {"quiet_hours": {"from": "25:00", "to": "09:00"}}}"#, "limits.quiet_hours.from"),
        (#"{"code": "a", "name": "x", "trigger": "detractor_answer", "action": {"kind": "callback"}, "outcome": "nps", "limits": {"max_contacts": 0}}"#, "limits.max_contacts"),
        (#"{"code": "a", "name": "x", "trigger": "detractor_answer", "action": {"kind": "callback"}, "outcome": "ltv"}"#, "outcome"),
        (#"{"code": "a", "name": "x", "trigger": "detractor_answer", "action": {"kind": "callback"}, "outcome": "nps", "audience": ["vip"]}"#, "audience[0]"),
        (#"{"code": "a", "name": "x", "trigger": "detractor_answer", "action": {"kind": "callback"}, "outcome": "nps", "colour": "red"}"#, "colour"),
        (#"{"code": "a", "name": "x", "trigger": "detractor_answer", "action": {"kind": "callback"}, "outcome": "nps", "auto_pause": 1}"#, "auto_pause"),
    ])
    func aWrongDefinitionNamesItsField(json: String, field: String?) {
        do {
            _ = try ProgrammeDefinition.parse(Data(json.utf8))
            Issue.record("accepted: \(json)")
        } catch {
            #expect(error.code == .invalidInput)
            #expect(error.field == field, "\(error)")
        }
    }

    @Test func theHoldoutIsDeterministicNearItsShareAndTheGlobalHoldoutWins() {
        let customers = (0..<20_000).map { "cus-\($0)" }
        let held = customers.filter { HoldoutAssignment.arm(programme: "p", customer: $0, share: 0.1) == .holdout }.count
        #expect(abs(Double(held) / 20_000 - 0.1) < 0.01, "\(held)")
        #expect(customers.prefix(100).map { HoldoutAssignment.arm(programme: "p", customer: $0, share: 0.1) }
            == customers.prefix(100).map { HoldoutAssignment.arm(programme: "p", customer: $0, share: 0.1) })
        // Another programme draws independently: the overlap of the hold-outs is about 1 %.
        let both = customers.filter {
            HoldoutAssignment.arm(programme: "p", customer: $0, share: 0.1) == .holdout && HoldoutAssignment.arm(programme: "q", customer: $0, share: 0.1) == .holdout
        }.count
        #expect(abs(Double(both) / 20_000 - 0.01) < 0.004, "\(both)")
        let global = customers.filter(HoldoutAssignment.inGlobalHoldout)
        #expect(abs(Double(global.count) / 20_000 - HoldoutAssignment.globalShare) < 0.008)
        #expect(global.allSatisfy { HoldoutAssignment.arm(programme: "p", customer: $0, share: 0.1, globalHoldout: true) == .holdout })
    }
}
