import Foundation
import OtklikCore
import Testing

/// A service request posted again under its id (issue 19 item 6), on hand cases: the same request is a duplicate; an
/// open request closing (completed, rejected or withdrawn with its closing time, a cost added) moves on; anything else is
/// a conflict naming the first field that may not change. And the `service_request_resolved` trigger read and written
/// back, as a string and with its services.
@Suite struct ServiceRequestRevisionTests {
    static let t0 = Date(timeIntervalSince1970: 1_772_445_600)

    static func open(cost: Double? = nil) -> ServiceRequest {
        ServiceRequest(id: "r1", service: "passport", location: "L01", channel: .web, customer: "C1", submittedAt: t0, status: .open, cost: cost)
    }

    static func closed(_ status: RequestStatus = .completed, hours: Double = 5, cost: Double? = nil) -> ServiceRequest {
        var request = open(cost: cost)
        request.status = status
        request.closedAt = t0.addingTimeInterval(hours * 3600)
        return request
    }

    @Test func theSameRequestIsTheSame() {
        #expect(ServiceRequestRevision.of(Self.open(), Self.open()) == .same)
        #expect(ServiceRequestRevision.of(Self.closed(), Self.closed()) == .same)
    }

    @Test(arguments: [RequestStatus.completed, .rejected, .withdrawn])
    func anOpenRequestCloses(status: RequestStatus) throws {
        let next = Self.closed(status, cost: 120)
        try next.validate(now: Self.t0.addingTimeInterval(86_400))
        #expect(ServiceRequestRevision.of(Self.open(), next) == .closes, "a cost may be added")
        #expect(ServiceRequestRevision.of(Self.open(cost: 120), next) == .closes, "or kept")
        #expect(ServiceRequestRevision.of(Self.open(), Self.closed(status)) == .closes, "or left out")
    }

    @Test func everyOtherChangeNamesItsField() {
        func field(_ stored: ServiceRequest, _ next: ServiceRequest) -> String? {
            if case .conflict(let field, _) = ServiceRequestRevision.of(stored, next) { return field }
            return nil
        }
        var service = Self.closed(), location = Self.closed(), channel = Self.closed(), customer = Self.closed(), submitted = Self.closed()
        service.service = "visa"
        location.location = nil
        channel.channel = .mobileApp
        customer.customer = "C2"
        submitted.submittedAt = Self.t0.addingTimeInterval(-1)
        #expect(field(Self.open(), service) == "service")
        #expect(field(Self.open(), location) == "location")
        #expect(field(Self.open(), channel) == "channel")
        #expect(field(Self.open(), customer) == "customer")
        #expect(field(Self.open(), submitted) == "submitted_at")
        // A closed request does not change: not its status, nor its closing time, nor its cost — nor reopen.
        #expect(field(Self.closed(), Self.closed(.withdrawn)) == "status")
        #expect(field(Self.closed(), Self.open()) == "status")
        #expect(field(Self.closed(), Self.closed(hours: 6)) == "closed_at")
        #expect(field(Self.closed(cost: 10), Self.closed(cost: 11)) == "cost")
        // An open request changes only by closing; a cost it stated stays.
        #expect(field(Self.open(), Self.open(cost: 5)) == "cost")
        #expect(field(Self.open(cost: 5), Self.closed(cost: 6)) == "cost")
        #expect(field(Self.open(cost: 5), Self.closed()) == "cost")
    }

    @Test func theResolvedTriggerIsReadAndWrittenBack() throws {
        func definition(_ trigger: String) -> Data {
            Data(#"{"code": "p1", "name": "P", "trigger": \#(trigger), "action": {"kind": "callback"}, "outcome": "retention"}"#.utf8)
        }
        let plain = try ProgrammeDefinition.parse(definition(#""service_request_resolved""#))
        #expect(plain.trigger == .serviceRequestResolved && plain.resolution == ServiceRequestResolution() && plain.runsOnFeed)
        #expect(try ProgrammeDefinition.parse(ProgrammeDefinition.json(plain)) == plain)
        #expect(String(decoding: ProgrammeDefinition.json(plain), as: UTF8.self).contains(#""trigger":"service_request_resolved""#))
        let some = try ProgrammeDefinition.parse(definition(#"{"kind": "service_request_resolved", "services": ["passport", "passport", "licence"]}"#))
        #expect(some.resolution == ServiceRequestResolution(services: ["passport", "licence"]))
        #expect(some.resolution?.admits(service: "licence") == true && some.resolution?.admits(service: "visa") == false)
        #expect(try ProgrammeDefinition.parse(ProgrammeDefinition.json(some)) == some)
        for (trigger, field) in [
            (#"{"kind": "service_request_resolved", "working_days": 3}"#, "trigger.working_days"),
            (#"{"kind": "service_request_resolved", "services": "passport"}"#, "trigger.services"),
            (#"{"kind": "service_request_resolved", "services": [""]}"#, "trigger.services[0]"),
        ] {
            let error = #expect(throws: OtklikError.self) { _ = try ProgrammeDefinition.parse(definition(trigger)) }
            #expect(error?.field == field, "\(trigger)")
        }
    }
}
