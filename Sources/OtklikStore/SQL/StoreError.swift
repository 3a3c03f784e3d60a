import OtklikCore

/// Failures of the storage layer that are not the client's fault.
public enum StoreError: Error, CustomStringConvertible {
    case missingColumn(String)
    case badDatabaseURL(String)
    case migrationFailed(String, any Error)

    public var description: String {
        switch self {
        case .missingColumn(let name): "result has no column '\(name)'"
        case .badDatabaseURL(let url):
            "cannot use database '\(SecretRedaction().redact(url))': give sqlite:PATH or postgres://user:password@host:port/database"
        case .migrationFailed(let id, let error): "migration \(id) failed: \(SecretRedaction().redact(String(describing: error)))"
        }
    }
}
