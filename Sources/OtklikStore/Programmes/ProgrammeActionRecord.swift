import Foundation
import OtklikCore

/// What a programme did about one trigger event for one customer (`programme_actions`): `done` (the action taken, the
/// contact in the ledger), `waiting` (until `dueAt`: quiet hours or a frequency cap), `skipped` (with the reason: no
/// consent, too late, already contacted for this event), `held_out` (the customer is in the hold-out) or
/// `not_in_audience`.
public struct ProgrammeActionRecord: Sendable, Equatable {
    public var id: String
    public var programme: String
    public var customer: String
    public var triggerKey: String
    public var arm: HoldoutAssignment.Arm
    public var status: String
    public var reason: String?
    public var channel: String?
    public var dueAt: Date?
    public var actedAt: Date?
}
