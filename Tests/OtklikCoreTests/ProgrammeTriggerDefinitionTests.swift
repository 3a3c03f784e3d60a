import Foundation
import OtklikCore
import Testing

/// The triggers written as objects besides schedule and prediction — a service request stalled past its term in working
/// days and a purchase pattern (first purchase, lapsing regular) — and the outcome `clv`: read, written back unchanged,
/// and refused with the field named when wrong.
@Suite struct ProgrammeTriggerDefinitionTests {
    static func definition(trigger: String, outcome: String = "retention") -> String {
        #"{"code": "p1", "name": "P", "trigger": \#(trigger), "action": {"kind": "callback"}, "outcome": "\#(outcome)"}"#
    }

    @Test func theNewTriggersAndClvAreReadAndWrittenBack() throws {
        let stalled = try ProgrammeDefinition.parse(Data(Self.definition(
            trigger: #"{"kind": "service_request_stalled", "working_days": 10, "services": ["passport", "passport", "licence"]}"#).utf8))
        #expect(stalled.trigger == .serviceRequestStalled)
        #expect(stalled.stall == ServiceRequestStall(workingDays: 10, services: ["passport", "licence"]))
        #expect(try ProgrammeDefinition.parse(ProgrammeDefinition.json(stalled)) == stalled)
        #expect(!stalled.runsOnFeed)

        let lapse = try ProgrammeDefinition.parse(Data(Self.definition(
            trigger: #"{"kind": "purchase_pattern", "pattern": "overdue_repeat", "factor": 2.5}"#, outcome: "clv").utf8))
        #expect(lapse.trigger == .purchasePattern && lapse.purchasePattern == PurchasePattern(pattern: .overdueRepeat, factor: 2.5))
        #expect(lapse.outcome == .clv)
        #expect(try ProgrammeDefinition.parse(ProgrammeDefinition.json(lapse)) == lapse)
        #expect(!lapse.runsOnFeed)
        // The factor defaults to 2.
        let defaulted = try ProgrammeDefinition.parse(Data(Self.definition(trigger: #"{"kind": "purchase_pattern", "pattern": "overdue_repeat"}"#).utf8))
        #expect(defaulted.purchasePattern?.factor == 2)

        let welcome = try ProgrammeDefinition.parse(Data(Self.definition(trigger: #"{"kind": "purchase_pattern", "pattern": "first_purchase"}"#).utf8))
        #expect(welcome.purchasePattern?.pattern == .firstPurchase && welcome.runsOnFeed)
        #expect(try ProgrammeDefinition.parse(ProgrammeDefinition.json(welcome)) == welcome)
    }

    @Test(arguments: [
        (#"{"kind": "purchase_pattern", "pattern": "weekly"}"#, "trigger.pattern"),
        (#"{"kind": "purchase_pattern"}"#, "trigger.pattern"),
        (#"{"kind": "purchase_pattern", "pattern": "overdue_repeat", "factor": 1}"#, "trigger.factor"),
        (#"{"kind": "purchase_pattern", "pattern": "overdue_repeat", "factor": 0.5}"#, "trigger.factor"),
        (#"{"kind": "purchase_pattern", "pattern": "overdue_repeat", "factor": "2"}"#, "trigger.factor"),
        (#"{"kind": "purchase_pattern", "pattern": "first_purchase", "factor": 2}"#, "trigger.factor"),
        (#"{"kind": "purchase_pattern", "pattern": "overdue_repeat", "every": "week"}"#, "trigger.every"),
        (#"{"kind": "service_request_stalled"}"#, "trigger.working_days"),
        (#"{"kind": "service_request_stalled", "working_days": 0}"#, "trigger.working_days"),
        (#"{"kind": "service_request_stalled", "working_days": 2.5}"#, "trigger.working_days"),
        (#"{"kind": "service_request_stalled", "working_days": 5, "services": "passport"}"#, "trigger.services"),
        (#"{"kind": "service_request_stalled", "working_days": 5, "services": [""]}"#, "trigger.services[0]"),
        (#"{"kind": "birthday"}"#, "trigger.kind"),
        (#""purchase_pattern""#, "trigger"),
        (#""service_request_stalled""#, "trigger"),
    ])
    func aWrongTriggerNamesItsField(trigger: String, field: String) {
        do {
            _ = try ProgrammeDefinition.parse(Data(Self.definition(trigger: trigger).utf8))
            Issue.record("accepted: \(trigger)")
        } catch {
            #expect(error.code == .invalidInput)
            #expect(error.field == field, "\(error)")
        }
    }
}
