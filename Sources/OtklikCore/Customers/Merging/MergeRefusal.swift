/// Why the rules did not merge two customers that share an identity: the pair is a probable match for a person to
/// review, or (for a super-node) not a match at all.
public enum MergeRefusal: Sendable, Hashable, Codable {
    /// Each holds its own, different external customer id (one per customer).
    case conflictingExternalIDs
    /// Together they would hold more values of this kind than one customer may.
    case limitExceeded(IdentityKind)
    /// They share only a device and each holds another identity.
    case sharedDevice
    /// The shared identity is carried by too many customers to be evidence.
    case superNode

    /// A stable code for the API, the CLI and the review queue.
    public var code: String {
        switch self {
        case .conflictingExternalIDs: return "conflicting_external_ids"
        case .limitExceeded(let kind): return "limit_exceeded:\(kind.rawValue)"
        case .sharedDevice: return "shared_device"
        case .superNode: return "super_node"
        }
    }

    public init?(code: String) {
        switch code {
        case "conflicting_external_ids": self = .conflictingExternalIDs
        case "shared_device": self = .sharedDevice
        case "super_node": self = .superNode
        default:
            guard code.hasPrefix("limit_exceeded:"), let kind = IdentityKind(rawValue: String(code.dropFirst("limit_exceeded:".count)))
            else { return nil }
            self = .limitExceeded(kind)
        }
    }
}
