import OtklikCore

/// Failures of the storage layer that are not the client's fault.
public enum StoreError: Error, CustomStringConvertible {
    case missingColumn(String)
    case badDatabaseURL(String)
    case migrationFailed(String, any Error)
    /// The database carries migrations this binary does not have: it was migrated by a newer version.
    case databaseNewerThanBinary([String])
    /// A durable feed consumer was moved by another process while this one worked: its work is rolled back.
    case consumerMoved(String)

    public var description: String {
        switch self {
        case .missingColumn(let name): "result has no column '\(name)'"
        case .badDatabaseURL(let url):
            "cannot use database '\(SecretRedaction().redact(url))': give sqlite:PATH or postgres://user:password@host:port/database"
        case .migrationFailed(let id, let error): "migration \(id) failed: \(SecretRedaction().redact(String(describing: error)))"
        case .consumerMoved(let name): "the feed consumer '\(name)' was moved by another process; its step is rolled back"
        case .databaseNewerThanBinary(let ids):
            "the database was migrated by a newer Otklik (migrations \(ids.joined(separator: ", ")) are unknown to this binary): "
                + "run the newer version, or restore a backup taken before the upgrade"
        }
    }
}
