/// Identity resolution of a whole population as a pure function: records (each a list of normalised identities)
/// grouped into customers by ``IdentityRules``, deterministically (the same records in the same order give the same
/// groups). Three passes, each over identity values in (kind, value) order:
///
/// 1. strong kinds (external id, loyalty card, e-mail) join the records that share a value;
/// 2. a phone joins the groups that carry it unless ``IdentityRules/superNodeThreshold`` or more of them are
///    anchored (hold a strong identity) — then it is a super-node and joins nothing;
/// 3. a device joins groups only while at most one of them holds any other identity, and below its threshold.
///
/// A join the limits refuse (two external ids, too many values of a kind) or the device rule refuses is kept as a
/// ``ProbableMatch`` for review. Union-find with path halving: linear in the number of identities, in practice.
public struct IdentityClustering: Sendable {
    public struct Result: Sendable {
        /// The group of each record: the index of its group's first record.
        public var group: [Int]
        /// Pairs of groups (by their first record) the rules sent to review, one per pair and reason.
        public var review: [ProbableMatch]
        /// Identities not used because too many customers carry them, with that number.
        public var superNodes: [CustomerIdentity: Int]
    }

    public let rules: IdentityRules

    public init(rules: IdentityRules = .standard) {
        self.rules = rules
    }

    public func resolve(_ records: [[CustomerIdentity]]) -> Result {
        var state = State(records: records, rules: rules)
        var byIdentity: [CustomerIdentity: [Int]] = [:]
        for (index, identities) in records.enumerated() {
            for identity in Set(identities) { byIdentity[identity, default: []].append(index) }
        }
        let ordered = byIdentity.keys.sorted()
        for identity in ordered where IdentityRules.strong.contains(identity.kind) {
            state.joinAll(byIdentity[identity]!, on: identity)
        }
        var superNodes: [CustomerIdentity: Int] = [:]
        for identity in ordered where identity.kind == .phone {
            let groups = state.groups(of: byIdentity[identity]!)
            let anchored = groups.filter { state.isAnchored($0) }.count
            if rules.isSuperNode(.phone, customers: anchored) {
                superNodes[identity] = anchored
                continue
            }
            // Anchored groups first; if they cannot all be one customer, the phone is ambiguous for the rest too.
            let anchoredGroups = groups.filter { state.isAnchored($0) }
            guard state.joinAll(anchoredGroups, on: identity) else { continue }
            state.joinAll(anchoredGroups + groups.filter { !state.isAnchored($0) }, on: identity)
        }
        for identity in ordered where identity.kind == .device {
            let groups = state.groups(of: byIdentity[identity]!)
            let rich = groups.filter { state.holdsOther(than: .device, $0) }.count
            if rules.isSuperNode(.device, customers: rich) {
                superNodes[identity] = rich
                continue
            }
            state.joinDevice(groups, on: identity)
        }
        let group = records.indices.map { state.find($0) }
        let review = Set(state.review.map { match in
            ProbableMatch(left: state.find(match.left), right: state.find(match.right), shared: match.shared, reason: match.reason)
        }).filter { $0.left != $0.right }
        return Result(
            group: group,
            review: review.sorted { ($0.left, $0.right, $0.shared) < ($1.left, $1.right, $1.shared) },
            superNodes: superNodes)
    }

    struct State {
        var parent: [Int]
        var held: [[IdentityKind: Set<String>]]
        var review: [ProbableMatch] = []
        let rules: IdentityRules

        init(records: [[CustomerIdentity]], rules: IdentityRules) {
            parent = Array(records.indices)
            held = records.map { identities in
                var kinds: [IdentityKind: Set<String>] = [:]
                for identity in identities { kinds[identity.kind, default: []].insert(identity.value) }
                return kinds
            }
            self.rules = rules
        }

        mutating func find(_ index: Int) -> Int {
            var node = index
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }

        /// The distinct groups of `members`, in order of first appearance.
        mutating func groups(of members: [Int]) -> [Int] {
            var seen: Set<Int> = []
            var groups: [Int] = []
            for member in members {
                let root = find(member)
                if seen.insert(root).inserted { groups.append(root) }
            }
            return groups
        }

        func isAnchored(_ root: Int) -> Bool {
            IdentityRules.strong.contains { !(held[root][$0] ?? []).isEmpty }
        }

        func holdsOther(than kind: IdentityKind, _ root: Int) -> Bool {
            held[root].contains { $0.key != kind && !$0.value.isEmpty }
        }

        /// Joins every group of `members` into the first one's, each join checked against the limits; false when a
        /// join was refused (and sent to review).
        @discardableResult
        mutating func joinAll(_ members: [Int], on identity: CustomerIdentity) -> Bool {
            let groups = groups(of: members)
            guard var target = groups.first else { return true }
            var joinedAll = true
            for other in groups.dropFirst() {
                target = find(target)
                let root = find(other)
                guard root != target else { continue }
                if let refusal = rules.limitConflict(held[target], held[root]) {
                    review.append(ProbableMatch(left: target, right: root, shared: identity, reason: refusal))
                    joinedAll = false
                    continue
                }
                union(target, root)
            }
            return joinedAll
        }

        /// Joins the groups sharing a device while at most one of them holds any other identity.
        mutating func joinDevice(_ groups: [Int], on identity: CustomerIdentity) {
            let rich = groups.filter { holdsOther(than: .device, $0) }
            guard rich.count <= 1 else {
                for pair in zip(rich, rich.dropFirst()) {
                    review.append(ProbableMatch(left: pair.0, right: pair.1, shared: identity, reason: .sharedDevice))
                }
                // The records that carry nothing but the device stay with none of them.
                return
            }
            joinAll(rich + groups.filter { !rich.contains($0) }, on: identity)
        }

        mutating func union(_ target: Int, _ root: Int) {
            let (keep, drop) = target < root ? (target, root) : (root, target)
            parent[drop] = keep
            for (kind, values) in held[drop] { held[keep][kind, default: []].formUnion(values) }
            held[drop] = [:]
        }
    }
}
