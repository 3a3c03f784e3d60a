/// Which phones of a batch of records (an import) are super-nodes, decided as ``IdentityClustering`` decides them for
/// a whole population: after the strong identities (external id, card, e-mail) have joined the records that share one
/// — and the customers already stored that own them — a phone carried by ``IdentityRules/superNodeThreshold`` or more
/// anchored groups (groups holding a strong identity) is evidence of nothing and links no one (a shared office phone,
/// a call centre's number). The stored owner of the phone counts as one more group when it is anchored.
///
/// Only phones carried by at least the threshold's number of records and stored owners can be super-nodes, so the
/// strong identities are joined only when some phone is that common. Union-find with path halving over the strong
/// identities: linear in the number of identities, in practice.
public struct PhoneSuperNodes: Sendable {
    public let rules: IdentityRules

    public init(rules: IdentityRules = .standard) {
        self.rules = rules
    }

    /// The super-node phones among `records`' phones, with the number of anchored groups carrying each.
    /// - Parameters:
    ///   - records: each record's normalised identities.
    ///   - owners: the stored customer owning an identity, for the identities `records` name (others absent).
    ///   - anchored: the stored customers among `owners`' that hold a strong identity.
    public func find(
        _ records: [[CustomerIdentity]], owners: [CustomerIdentity: String], anchored: Set<String>
    ) -> [CustomerIdentity: Int] {
        find(records, candidates: candidates(records, owners: owners), owners: owners, anchored: anchored)
    }

    /// The phones that could be super-nodes: carried by at least the threshold's number of records and stored owners,
    /// with the records carrying each.
    public func candidates(_ records: [[CustomerIdentity]], owners: [CustomerIdentity: String]) -> [CustomerIdentity: [Int]] {
        guard let threshold = rules.superNodeThreshold[.phone] else { return [:] }
        var carriers: [CustomerIdentity: [Int]] = [:]
        for (index, identities) in records.enumerated() {
            for identity in identities where identity.kind == .phone {
                if carriers[identity]?.last != index { carriers[identity, default: []].append(index) }
            }
        }
        return carriers.filter { $0.value.count + (owners[$0.key] == nil ? 0 : 1) >= threshold }
    }

    /// ``find(_:owners:anchored:)`` given its ``candidates(_:owners:)`` (`anchored` need only cover their owners).
    public func find(
        _ records: [[CustomerIdentity]], candidates: [CustomerIdentity: [Int]], owners: [CustomerIdentity: String], anchored: Set<String>
    ) -> [CustomerIdentity: Int] {
        guard !candidates.isEmpty else { return [:] }

        // Pass 1 of the clustering: strong identities (and the stored customers owning them) joined by the records.
        var forest = Forest()
        var recordRoot: [Int: Int] = [:]
        let needed = Set(candidates.values.joined())
        for (index, identities) in records.enumerated() {
            var first: Int?
            for identity in identities where IdentityRules.strong.contains(identity.kind) {
                let node = forest.node(.identity(identity))
                if let owner = owners[identity] { forest.union(node, forest.node(.customer(owner))) }
                if let first { forest.union(first, node) } else { first = node }
            }
            if needed.contains(index), let first { recordRoot[index] = first }
        }
        var superNodes: [CustomerIdentity: Int] = [:]
        for (phone, indices) in candidates {
            var groups: Set<Int> = []
            for index in indices {
                if let node = recordRoot[index] { groups.insert(forest.find(node)) }
            }
            if let owner = owners[phone], anchored.contains(owner) { groups.insert(forest.find(forest.node(.customer(owner)))) }
            if rules.isSuperNode(.phone, customers: groups.count) { superNodes[phone] = groups.count }
        }
        return superNodes
    }

    struct Forest {
        enum Key: Hashable {
            case identity(CustomerIdentity)
            case customer(String)
        }

        var index: [Key: Int] = [:]
        var parent: [Int] = []

        mutating func node(_ key: Key) -> Int {
            if let found = index[key] { return found }
            parent.append(parent.count)
            index[key] = parent.count - 1
            return parent.count - 1
        }

        mutating func find(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }

        mutating func union(_ a: Int, _ b: Int) {
            let (ra, rb) = (find(a), find(b))
            guard ra != rb else { return }
            if ra < rb { parent[rb] = ra } else { parent[ra] = rb }
        }
    }
}
