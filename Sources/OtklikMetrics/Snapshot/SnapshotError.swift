/// Why an engine snapshot could not be read or written; the server then loads the engine from the store.
public enum SnapshotError: Error, CustomStringConvertible, Equatable {
    /// Not a snapshot of this version and machine (magic, version, byte order).
    case foreign(String)
    /// A snapshot whose content does not hold together (a torn write, a damaged disk).
    case corrupt(String)
    /// Reading or writing the file failed.
    case io(String)

    public var description: String {
        switch self {
        case .foreign(let reason): "not a snapshot this build reads: \(reason)"
        case .corrupt(let reason): "damaged snapshot: \(reason)"
        case .io(let reason): reason
        }
    }
}
