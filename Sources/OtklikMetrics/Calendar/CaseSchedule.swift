import Foundation
import OtklikCore

/// The SLA of cases: a first-response target and a resolution target in business hours, a warning when a
/// share of the resolution time has passed, and the clock they are counted on. Time spent waiting for the
/// customer does not count: it moves the deadlines by the business time of the pause.
public struct CaseSchedule: Sendable, Equatable {
    public var clock: BusinessClock
    public var firstResponseHours: Double
    public var resolutionHours: Double
    /// Warn when this share of the resolution time has passed.
    public var warnAt: Double
    /// Targets by case type and location, first match wins; the two figures above are the default.
    public var policies: [SLAPolicy]

    public init(
        clock: BusinessClock, firstResponseHours: Double = 4, resolutionHours: Double = 16, warnAt: Double = 0.8, policies: [SLAPolicy] = []
    ) {
        self.clock = clock
        self.firstResponseHours = firstResponseHours
        self.resolutionHours = resolutionHours
        self.warnAt = warnAt
        self.policies = policies
    }

    public func firstResponseDue(openedAt: Date) -> Date { clock.adding(firstResponseHours * 3600, to: openedAt) }
    public func resolutionDue(openedAt: Date) -> Date { clock.adding(resolutionHours * 3600, to: openedAt) }

    /// The schedule for the case a feedback opens: its policy's targets, or the defaults.
    public func applying(to feedback: Feedback) -> CaseSchedule {
        applying(type: SLAPolicy.caseType(of: feedback), location: feedback.location, priority: CasePriority.initial(for: feedback))
    }

    /// The schedule for a case of this type, place and priority: the first matching policy's targets, or the defaults.
    public func applying(type: SLAPolicy.CaseType, location: String?, priority: CasePriority) -> CaseSchedule {
        guard let policy = policies.first(where: { $0.matches(type: type, location: location, priority: priority) }) else { return self }
        var copy = self
        copy.firstResponseHours = policy.firstResponseHours
        copy.resolutionHours = policy.resolutionHours
        return copy
    }

    /// The policy that applies to a case of this type, place and priority (nil: the defaults).
    public func policy(type: SLAPolicy.CaseType, location: String?, priority: CasePriority) -> SLAPolicy? {
        policies.first { $0.matches(type: type, location: location, priority: priority) }
    }

    /// Business seconds the case waited for the customer since `since`, from its history: each stretch from
    /// entering "waiting for the customer" to leaving it (another status, a resolution). A pause still running is
    /// not counted: leaving it extends the deadline then.
    public func pausedSeconds(in events: [CaseEvent], since: Date) -> TimeInterval {
        var total: TimeInterval = 0
        var started: Date?
        for event in events {
            if event.kind == .status && event.text == CaseStatus.waitingForCustomer.rawValue {
                if started == nil { started = event.at }
            } else if let from = started, [.status, .resolved, .reopened].contains(event.kind) {
                if from >= since { total += clock.businessSeconds(from: from, to: event.at) }
                started = nil
            }
        }
        return total
    }

    /// The resolution deadline counted afresh from `start` (the opening, or the last reopening) with these targets,
    /// moved by the business time of the pauses since then.
    public func resolutionDue(from start: Date, events: [CaseEvent]) -> Date {
        clock.adding(resolutionHours * 3600 + pausedSeconds(in: events, since: start), to: start)
    }

    /// When the warning falls due: `warnAt` of the business time between opening and the deadline.
    public func warningAt(openedAt: Date, due: Date) -> Date {
        clock.adding(warnAt * clock.businessSeconds(from: openedAt, to: due), to: openedAt)
    }

    /// A deadline moved by the business time of a pause from `pausedAt` to `resumedAt`.
    public func extend(_ deadline: Date, pausedAt: Date, resumedAt: Date) -> Date {
        clock.adding(clock.businessSeconds(from: pausedAt, to: resumedAt), to: deadline)
    }
}
