/// The reference lists that feedback points to by code.
public enum ReferenceKind: String, Sendable, CaseIterable {
    case region
    case location
    case staff
    case service
}
