import Foundation

/// Group commit for idempotent writes: requests that arrive while a commit is running wait for the
/// next one and share it, so concurrent clients pay for one durable commit instead of one each.
///
/// One writer drains the queue: it takes every pending request (at most ``maxRequestsPerCommit`` requests and
/// ``maxRecordsPerCommit`` records; a single larger request commits on its own) and writes them in one transaction
/// (``IdempotentInsert``: one query for the stored ids and one for the referenced codes, both before the transaction
/// takes the writer's lock, then one change-feed event and multi-row inserts for the whole group). Every request is decided on its own in memory before anything is written:
/// one that fails (a conflict, an unknown code) writes nothing and gets its own error; the others commit. Should the
/// shared transaction itself fail on something no check foresaw (a constraint the database enforces, a row deleted
/// meanwhile by another server), nothing of the group was written and each request is written again in a transaction
/// of its own, so that only the request at fault gets the error. A request's answer is sent only after the commit
/// that holds its records is durable.
actor GroupCommitter<R: StoredRecord> {
    private struct Request {
        var items: [R]
        var createMissingReferences: Bool
        var untimed: Set<String>
        var continuation: CheckedContinuation<(InsertOutcome, CommittedGroup<R>?), any Error>
    }

    private let database: any SQLDatabase
    private var pending: [Request] = []
    private var committing = false
    /// Most records one shared commit takes; a single larger request still commits on its own.
    private let maxRecordsPerCommit = 5_000
    /// Most requests one shared commit takes.
    private let maxRequestsPerCommit = 256

    init(database: any SQLDatabase) {
        self.database = database
    }

    func insert(_ items: [R], createMissingReferences: Bool, untimed: Set<String> = []) async throws -> InsertOutcome {
        try await insertCommitted(items, createMissingReferences: createMissingReferences, untimed: untimed).0
    }

    /// ``insert(_:createMissingReferences:untimed:)``, also returning what the shared commit appended to the change
    /// feed (nil when the group stored nothing): the same value for every request of the group.
    func insertCommitted(
        _ items: [R], createMissingReferences: Bool, untimed: Set<String> = []
    ) async throws -> (InsertOutcome, CommittedGroup<R>?) {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Request(items: items, createMissingReferences: createMissingReferences, untimed: untimed, continuation: continuation))
            if !committing {
                committing = true
                Task { await WriteProfile.$label.withValue("group commit: \(R.self)") { await self.drain() } }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            var group: [Request] = []
            var records = 0
            while let next = pending.first,
                group.isEmpty || (group.count < maxRequestsPerCommit && records + next.items.count <= maxRecordsPerCommit)
            {
                group.append(pending.removeFirst())
                records += next.items.count
            }
            let requests = group.map {
                IdempotentInsert.Request(items: $0.items, createMissingReferences: $0.createMissingReferences, untimed: $0.untimed)
            }
            let results = await Self.commit(requests, database: database)
            for (request, result) in zip(group, results) { request.continuation.resume(with: result) }
        }
        committing = false
    }

    /// How a group commit's first attempt reads before its transaction (``IdempotentInsert/read(_:in:)``); a test
    /// hands one that returns a read taken before another writer's commit.
    typealias FirstRead = @Sendable ([IdempotentInsert.Request<R>], any SQLDatabase) async throws -> IdempotentInsert.GroupReads<R>

    /// The group in one transaction; if that transaction fails, each request in one of its own.
    static func commit(
        _ requests: [IdempotentInsert.Request<R>], database: any SQLDatabase,
        firstRead: FirstRead = { requests, database in try await IdempotentInsert.read(requests, in: database) }
    ) async -> [Result<(InsertOutcome, CommittedGroup<R>?), any Error>] {
        switch await commitTogether(requests, database: database, firstRead: firstRead) {
        case .success(let written):
            return written.results.map { result in result.map { ($0, written.group) } }
        case .failure(let error) where requests.count == 1:
            return [.failure(error)]
        case .failure:
            var results: [Result<(InsertOutcome, CommittedGroup<R>?), any Error>] = []
            for request in requests {
                switch await commitTogether([request], database: database, firstRead: firstRead) {
                case .success(let written): results.append(written.results[0].map { ($0, written.group) })
                case .failure(let error): results.append(.failure(error))
                }
            }
            return results
        }
    }

    /// A revision's row changed under it (``StaleRevision``).
    static func isStaleRevision(_ error: any Error) -> Bool { error is StaleRevision }

    private static func commitTogether(
        _ requests: [IdempotentInsert.Request<R>], database: any SQLDatabase, firstRead: FirstRead
    ) async -> Result<(results: [Result<InsertOutcome, any Error>], group: CommittedGroup<R>?), any Error> {
        let requests = requests.map { $0.normalizedOnce() }
        // The first attempt reads the stored ids and known codes before taking the writer's lock (a sixth of a
        // feedback group's hold when read inside it), so other writers' transactions overlap the read; should that read
        // fail, the transaction reads them itself.
        var reads = try? await firstRead(requests, database)
        var attempt = 0
        while true {
            attempt += 1
            do {
                let prior = reads
                let written = try await database.transaction { tx in try await IdempotentInsert.writeGroup(requests, in: tx, reads: prior) }
                return .success((written.results, written.written))
            } catch let error where attempt < 5 && (database.isUniqueViolation(error) || Self.isStaleRevision(error)) {
                // Another writer (this process's bulk import, another server or process) committed one of these ids, or
                // revised a stored record, between our read and our insert: the next attempt reads inside its
                // transaction and answers a duplicate or a conflict, as for any retry.
                reads = nil
                continue
            } catch {
                // The shared commit itself failed: nothing of the group was written.
                return .failure(error)
            }
        }
    }
}
