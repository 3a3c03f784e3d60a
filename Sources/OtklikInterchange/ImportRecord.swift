import OtklikCore

/// A parsed record and the line of the file it came from, so later errors can point back to it.
public struct ImportRecord<Record: Sendable>: Sendable {
    public var line: Int
    public var record: Record

    public init(line: Int, record: Record) {
        self.line = line
        self.record = record
    }

    /// Checks every record of a chunk before any of it is written; the first that fails stops the import, its error
    /// naming the record's line and the column at fault (`id` when the check names none).
    public static func validate(_ chunk: [ImportRecord], _ check: (Record) throws -> Void) throws {
        for item in chunk {
            do { try check(item.record) } catch let error as OtklikError {
                throw OtklikError.invalid("line \(item.line), column \(error.field ?? "id")", error.message)
            }
        }
    }
}

/// Reads a file's next chunk of records with their lines; nil at its end (``RecordCSV/next(limit:)``). A bulk import
/// calls it from one task at a time.
public typealias ImportChunkReader<Record: Sendable> = @Sendable () throws -> [ImportRecord<Record>]?

/// Told after each chunk a bulk import stored how many rows it has read so far (stored and duplicates).
public typealias ImportProgress = @Sendable (Int) -> Void

/// A line an import refused, and why.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// What an interaction import parsed: the records with their lines, the lines refused, the calls dropped.
public struct ParsedInteractions: Sendable {
    public var records: [ImportRecord<Interaction>] = []
    /// Lines refused, with their reasons (only when bad lines are skipped).
    public var skipped: [ImportProblem] = []
    /// Calls dropped by the format's definition (Technion PHANTOM calls).
    public var phantoms = 0

    public init(records: [ImportRecord<Interaction>] = [], skipped: [ImportProblem] = [], phantoms: Int = 0) {
        self.records = records
        self.skipped = skipped
        self.phantoms = phantoms
    }
}
