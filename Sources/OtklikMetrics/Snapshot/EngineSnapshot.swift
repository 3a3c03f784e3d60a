import Foundation

/// The analytics engine's fact tables saved beside the store, so that a server starts by reading them from one file
/// instead of every row through SQL. The ``Stamp`` says which state of the store they hold; whoever reads a snapshot
/// decides whether that stamp still describes the store (the application layer checks it against the change feed).
///
/// The file: a magic number, the format's version and the machine's byte order (a snapshot is read only where it was
/// written), the stamp as JSON, then each table — its codes, then its columns as raw bytes — and an end mark. It is
/// written whole or not at all (a temporary file beside it, flushed to disk, renamed over the old one).
public struct EngineSnapshot: Sendable {
    /// Which state of the store the tables hold.
    public struct Stamp: Codable, Sendable, Equatable {
        /// The change-feed position the tables hold every fact up to.
        public var position: Int64
        /// That position's event as the store had it (kind, records, time): a store restored from a backup or made
        /// anew has another event there, or none.
        public var event: String
        /// Which migrations the store had applied that may rewrite facts (a fingerprint of their ids; the store's layer
        /// computes it, `ChangeFeed.factMigrationsFingerprint`).
        public var migrations: Int
        /// The time zone the tables' local days were computed in.
        public var timeZone: String

        public init(position: Int64, event: String, migrations: Int, timeZone: String) {
            self.position = position
            self.event = event
            self.migrations = migrations
            self.timeZone = timeZone
        }
    }

    public var stamp: Stamp
    public var feedback: FeedbackTable?
    public var calls: CallTable?
    public var requests: RequestTable?
    public var agentStates: AgentStateTable?

    public init(stamp: Stamp, feedback: FeedbackTable?, calls: CallTable?, requests: RequestTable? = nil, agentStates: AgentStateTable? = nil) {
        self.stamp = stamp
        self.feedback = feedback
        self.calls = calls
        self.requests = requests
        self.agentStates = agentStates
    }

    /// "OTKSNAP1" and "OTKSEND1" read as little-endian numbers.
    static let magic: UInt64 = 0x3150_414E_534B_544F
    static let endMark: UInt64 = 0x3144_4E45_534B_544F
    /// 2: the service requests' and agent states' tables added (a version-1 file is refused, and the store read instead).
    static let version: UInt32 = 2
    static let byteOrder: UInt32 = 0x0102_0304

    /// Writes the snapshot to `url` whole or not at all; returns the bytes written.
    @discardableResult
    public func write(to url: URL) throws -> Int {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporary.path)
        else { throw SnapshotError.io("cannot create \(temporary.path)") }
        do {
            var writer = SnapshotWriter(descriptor: handle.fileDescriptor)
            try writer.write(Self.magic)
            try writer.write(Self.version)
            try writer.write(Self.byteOrder)
            try writer.write(String(decoding: try JSONEncoder().encode(stamp), as: UTF8.self))
            try writer.write(UInt8((feedback == nil ? 0 : 1) | (calls == nil ? 0 : 2) | (requests == nil ? 0 : 4) | (agentStates == nil ? 0 : 8)))
            if let feedback { try feedback.write(to: &writer) }
            if let calls { try calls.write(to: &writer) }
            if let requests { try requests.write(to: &writer) }
            if let agentStates { try agentStates.write(to: &writer) }
            try writer.write(Self.endMark)
            try writer.flush()
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else { throw SnapshotError.io("cannot rename to \(url.path): \(POSIXFile.lastError)") }
            Self.synchroniseDirectory(of: url)
            return writer.offset
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// The stamp alone (the tables are not read), to decide whether reading them is worth it.
    public static func stamp(at url: URL) throws -> Stamp {
        try withReader(url) { reader in try readStamp(&reader) }
    }

    /// The whole snapshot; any damage is a ``SnapshotError``.
    public static func read(from url: URL) throws -> EngineSnapshot {
        try withReader(url) { reader in
            let stamp = try readStamp(&reader)
            guard let timeZone = TimeZone(identifier: stamp.timeZone) else { throw SnapshotError.corrupt("unknown time zone \(stamp.timeZone)") }
            let parts = try reader.read(UInt8.self)
            guard parts & ~15 == 0 else { throw SnapshotError.corrupt("unknown parts \(parts)") }
            let feedback = parts & 1 == 0 ? nil : try FeedbackTable.read(from: &reader, timeZone: timeZone)
            let calls = parts & 2 == 0 ? nil : try CallTable.read(from: &reader, timeZone: timeZone)
            let requests = parts & 4 == 0 ? nil : try RequestTable.read(from: &reader, timeZone: timeZone)
            let agentStates = parts & 8 == 0 ? nil : try AgentStateTable.read(from: &reader, timeZone: timeZone)
            guard try reader.read(UInt64.self) == endMark, reader.atEnd else { throw SnapshotError.corrupt("no end mark where the tables end") }
            return EngineSnapshot(stamp: stamp, feedback: feedback, calls: calls, requests: requests, agentStates: agentStates)
        }
    }

    private static func readStamp(_ reader: inout SnapshotReader) throws -> Stamp {
        guard try reader.read(UInt64.self) == magic else { throw SnapshotError.foreign("no snapshot mark") }
        let version = try reader.read(UInt32.self)
        guard version == Self.version else { throw SnapshotError.foreign("format version \(version), this build reads \(Self.version)") }
        guard try reader.read(UInt32.self) == byteOrder else { throw SnapshotError.foreign("written on a machine of another byte order") }
        do {
            return try JSONDecoder().decode(Stamp.self, from: Data(try reader.string().utf8))
        } catch let error as SnapshotError {
            throw error
        } catch {
            throw SnapshotError.corrupt("unreadable stamp")
        }
    }

    private static func withReader<R>(_ url: URL, _ body: (inout SnapshotReader) throws -> R) throws -> R {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw SnapshotError.io("cannot open \(url.path)") }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 0)
        var reader = SnapshotReader(descriptor: handle.fileDescriptor, size: Int(size))
        return try body(&reader)
    }

    /// Makes the rename durable: the directory's entry flushed to disk (best effort).
    private static func synchroniseDirectory(of url: URL) {
        let directory = open(url.deletingLastPathComponent().path, O_RDONLY)
        guard directory >= 0 else { return }
        fsync(directory)
        close(directory)
    }
}
