/// A named, versioned schema change; applied once, in order, at start.
public struct Migration: Sendable {
    public var id: String
    /// Statements for both engines.
    public var statements: [String]

    public init(_ id: String, _ statements: [String]) {
        self.id = id
        self.statements = statements
    }
}
