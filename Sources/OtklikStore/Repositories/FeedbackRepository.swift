import Foundation
import OtklikCore
import OtklikInterchange
import OtklikMetrics

/// Stores and reads feedback. Writes are all-or-nothing and idempotent on the client's ids.
public protocol FeedbackRepository: Sendable {
    /// Writes a batch (of any size) in one transaction. Items whose id is already stored with the same content are
    /// reported as duplicates and not written again; an id stored with different content is a conflict
    /// and nothing is written.
    /// - Parameter createMissingReferences: create unknown location/staff/service codes (CSV import)
    ///   instead of refusing them (API).
    /// - Parameter untimed: ids sent without a time, stamped with the server's: a retry of one is a duplicate of
    ///   the stored record whatever time each delivery got.
    func insert(_ items: [Feedback], untimed: Set<String>, createMissingReferences: Bool) async throws -> InsertOutcome
    /// ``insert(_:untimed:createMissingReferences:)``, also returning what the commit that holds the write appended to
    /// the change feed — shared by every concurrent write of its group — so that this server's analytics engine can
    /// apply it without reading it back; nil when that commit stored nothing.
    func insertCommitted(
        _ items: [Feedback], untimed: Set<String>, createMissingReferences: Bool
    ) async throws -> (InsertOutcome, CommittedGroup<Feedback>?)
    /// Imports a stream of chunks all or nothing in one transaction, with bounded memory (``BulkImport``): what
    /// ``insert(_:untimed:createMissingReferences:)`` writes for the same records — the rows, their customers, the
    /// change-feed events (one a chunk) — with an error naming the line a record came from; but a customer or an
    /// identifier the import is the first to bring is dated by its earliest record in the chunk that brought it, not in
    /// the whole import. The caller validates the records (``Feedback/validate(now:)``) as `next` reads them.
    func importChunks(createMissingReferences: Bool, next: @escaping ImportChunkReader<Feedback>, progress: @escaping ImportProgress) async throws -> BulkImportOutcome
    /// One page, newest first, with a cursor for the next page.
    func list(_ filter: FeedbackFilter, after cursor: FeedbackCursor?, limit: Int) async throws -> FeedbackPage
    func get(id: String) async throws -> Feedback?
    /// The stored feedback among these ids, by id.
    func get(ids: [String]) async throws -> [String: Feedback]
    func count() async throws -> Int
    /// Every stored feedback in (ts, id) order, in chunks, for export and for rebuilding the analytics engine.
    func forEachChunk(size: Int, _ body: ([Feedback]) async throws -> Void) async throws
    /// The analytic columns only, in (ts, id) order: what the analytics engine is rebuilt from at start; with `upTo`,
    /// only rows written at or before that change-feed position.
    func forEachFactChunk(size: Int, upTo position: Int64?, _ body: ([FeedbackFact]) async throws -> Void) async throws
}

extension FeedbackRepository {
    public func insertCommitted(
        _ items: [Feedback], untimed: Set<String>, createMissingReferences: Bool
    ) async throws -> (InsertOutcome, CommittedGroup<Feedback>?) {
        (try await insert(items, untimed: untimed, createMissingReferences: createMissingReferences), nil)
    }

    public func forEachFactChunk(size: Int, _ body: ([FeedbackFact]) async throws -> Void) async throws {
        try await forEachFactChunk(size: size, upTo: nil, body)
    }
}

/// What a batch write did.
public struct InsertOutcome: Sendable, Equatable {
    public var inserted: [String]
    public var duplicates: [String]
    /// Stored records this write moved on (a service request closing: ``ServiceRequestRevision``).
    public var updated: [String]

    public init(inserted: [String] = [], duplicates: [String] = [], updated: [String] = []) {
        self.inserted = inserted
        self.duplicates = duplicates
        self.updated = updated
    }

    /// Whether the write stored anything (a new record or a revision).
    public var wroteAny: Bool { !inserted.isEmpty || !updated.isEmpty }

    /// The records this write stored, as stored (normalised), each once: what the analytics engine appends.
    public func insertedRecords<R: NormalizedRecord>(of items: [R]) -> [R] {
        let inserted = Set(self.inserted)
        var seen: Set<String> = []
        return items.filter { inserted.contains($0.id) && seen.insert($0.id).inserted }.map { $0.normalized() }
    }
}

/// A record with a client id and a stored (normalised) form.
public protocol NormalizedRecord {
    var id: String { get }
    func normalized() -> Self
}

/// Filters of the feedback list. Empty or nil means "all".
public struct FeedbackFilter: Sendable, Equatable {
    public var from: Date?
    public var to: Date?
    public var location: String?
    public var staff: String?
    public var service: String?
    public var channel: Channel?
    public var kind: FeedbackKind?
    /// The same contact (phone or e-mail as left) or the same customer id: one customer's history.
    public var contact: String?
    public var customer: String?
    /// Only feedback at these locations: the caller's access scope (nil = every location; empty = none).
    public var scopeLocations: Set<String>?

    public init(
        from: Date? = nil, to: Date? = nil, location: String? = nil, staff: String? = nil, service: String? = nil,
        channel: Channel? = nil, kind: FeedbackKind? = nil, contact: String? = nil, customer: String? = nil
    ) {
        self.from = from
        self.to = to
        self.location = location
        self.staff = staff
        self.service = service
        self.channel = channel
        self.kind = kind
        self.contact = contact
        self.customer = customer
    }
}

/// Keyset position in the newest-first order: the last item of the previous page.
public struct FeedbackCursor: Sendable, Equatable {
    public var ts: Int64
    public var id: String

    public init(ts: Int64, id: String) {
        self.ts = ts
        self.id = id
    }

    /// An opaque URL-safe token.
    public var token: String {
        Data("\(ts):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":"), let ts = Int64(text[..<colon])
        else { return nil }
        self.init(ts: ts, id: String(text[text.index(after: colon)...]))
    }
}

/// One page of feedback.
public struct FeedbackPage: Sendable {
    public var items: [Feedback]
    public var next: FeedbackCursor?

    public init(items: [Feedback], next: FeedbackCursor?) {
        self.items = items
        self.next = next
    }
}

extension FeedbackRepository {
    /// Writes items that all carry their own time.
    public func insert(_ items: [Feedback], createMissingReferences: Bool) async throws -> InsertOutcome {
        try await insert(items, untimed: [], createMissingReferences: createMissingReferences)
    }
}
