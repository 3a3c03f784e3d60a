import Foundation

/// Whether two stored customers may be merged, as a pure function: never an erased customer, never a customer with
/// itself, never beyond ``IdentityRules`` limits (two external ids are two customers).
public enum CustomerMergeCheck {
    public enum Verdict: Sendable, Equatable {
        case allowed
        case refused(String)
    }

    public static func check(survivor: Customer, absorbed: Customer, rules: IdentityRules = .standard) -> Verdict {
        guard survivor.id != absorbed.id else { return .refused("a customer cannot be merged with itself") }
        if survivor.erased || absorbed.erased { return .refused("an erased customer cannot be merged") }
        if let refusal = rules.limitConflict(held(survivor), held(absorbed)) {
            switch refusal {
            case .conflictingExternalIDs:
                return .refused("both customers have their own external id; one customer has at most one")
            case .limitExceeded(let kind):
                return .refused("together they would have more than \(rules.limit(kind)) \(kind.rawValue) identities")
            default:
                return .refused(refusal.code)
            }
        }
        return .allowed
    }

    public static func held(_ customer: Customer) -> [IdentityKind: Set<String>] {
        var kinds: [IdentityKind: Set<String>] = [:]
        for stored in customer.identities { kinds[stored.identity.kind, default: []].insert(stored.identity.value) }
        return kinds
    }
}
