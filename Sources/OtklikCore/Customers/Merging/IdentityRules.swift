/// The deterministic merge rules, as data: which identity kinds merge two customers on an exact match, how many
/// values of each kind one customer may hold, and from how many customers a shared phone or device stops being
/// evidence (a "super-node": a shared office phone, a kiosk's device).
///
/// - `external` (the client's own customer id), `loyalty_card` and `email` are **strong**: an exact match merges.
/// - `phone` merges on an exact match only while fewer than ``superNodeThreshold`` anchored customers carry it
///   (anchored: holding an external id, a card or an e-mail address).
/// - `device` is **weak**: it attaches records that carry nothing else to the customer of the device, but never joins
///   two customers that each hold another identity (two people on one device), and not at all from
///   ``superNodeThreshold`` customers on.
/// - No merge may leave a customer with more values of a kind than ``limits`` allows: one external id, two cards,
///   three phones, three e-mail addresses, five devices. A merge the limits or the device rule refuse is a
///   **probable match** and goes to the review queue instead.
public struct IdentityRules: Sendable, Equatable {
    public var limits: [IdentityKind: Int]
    public var superNodeThreshold: [IdentityKind: Int]

    public init(limits: [IdentityKind: Int], superNodeThreshold: [IdentityKind: Int]) {
        self.limits = limits
        self.superNodeThreshold = superNodeThreshold
    }

    public static let standard = IdentityRules(
        limits: [.external: 1, .loyaltyCard: 2, .phone: 3, .email: 3, .device: 5],
        superNodeThreshold: [.phone: 5, .device: 3])

    /// Kinds whose exact match merges outright.
    public static let strong: Set<IdentityKind> = [.external, .loyaltyCard, .email]

    public func limit(_ kind: IdentityKind) -> Int { limits[kind] ?? Int.max }

    /// Whether a value of `kind` shared by `customers` anchored customers is a super-node (never merges).
    public func isSuperNode(_ kind: IdentityKind, customers: Int) -> Bool {
        guard let threshold = superNodeThreshold[kind] else { return false }
        return customers >= threshold
    }

    /// Why two customers holding `left` and `right` may not become one under the limits; nil when they may.
    public func limitConflict(_ left: [IdentityKind: Set<String>], _ right: [IdentityKind: Set<String>]) -> MergeRefusal? {
        for kind in IdentityKind.allCases {
            let union = (left[kind] ?? []).union(right[kind] ?? [])
            if union.count > limit(kind) {
                return kind == .external ? .conflictingExternalIDs : .limitExceeded(kind)
            }
        }
        return nil
    }
}
