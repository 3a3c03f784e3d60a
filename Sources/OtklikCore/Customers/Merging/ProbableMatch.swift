/// Two customers (or records) the rules would not merge although they share an identity: the evidence and why not.
public struct ProbableMatch: Sendable, Hashable {
    public var left: Int
    public var right: Int
    public var shared: CustomerIdentity
    public var reason: MergeRefusal

    public init(left: Int, right: Int, shared: CustomerIdentity, reason: MergeRefusal) {
        self.left = min(left, right)
        self.right = max(left, right)
        self.shared = shared
        self.reason = reason
    }
}
