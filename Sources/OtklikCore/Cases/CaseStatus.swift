/// Where a case stands. `resolved` means the organisation has done its part; `closed` that it is finished
/// (the customer confirmed, or the reopening window passed).
public enum CaseStatus: String, Sendable, Codable, CaseIterable {
    case new
    case inProgress = "in_progress"
    case waitingForCustomer = "waiting_for_customer"
    case resolved
    case closed

    /// Open cases count against their due time.
    public var isOpen: Bool { self != .resolved && self != .closed }
}
