import Foundation

/// Group commit for idempotent writes: requests that arrive while a commit is running wait for the
/// next one and share it, so concurrent clients pay for one durable commit instead of one each.
///
/// Each request runs inside its own savepoint: a request that fails (a conflict, an unknown code) is
/// rolled back alone and gets its own error; the others commit. A request's answer is sent only after
/// the shared commit is durable.
actor GroupCommitter<R: StoredRecord> {
    private struct Request {
        var items: [R]
        var createMissingReferences: Bool
        var continuation: CheckedContinuation<InsertOutcome, any Error>
    }

    private let database: any SQLDatabase
    private var pending: [Request] = []
    private var committing = false
    /// Most records one shared commit takes; a single larger request still commits on its own.
    private let maxRecordsPerCommit = 5_000

    init(database: any SQLDatabase) {
        self.database = database
    }

    func insert(_ items: [R], createMissingReferences: Bool) async throws -> InsertOutcome {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Request(items: items, createMissingReferences: createMissingReferences, continuation: continuation))
            if !committing {
                committing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            var group: [Request] = []
            var records = 0
            while let next = pending.first, group.isEmpty || records + next.items.count <= maxRecordsPerCommit {
                group.append(pending.removeFirst())
                records += next.items.count
            }
            let results = await Self.commit(group.map { ($0.items, $0.createMissingReferences) }, database: database)
            for (request, result) in zip(group, results) { request.continuation.resume(with: result) }
        }
        committing = false
    }

    private static func commit(_ requests: [([R], Bool)], database: any SQLDatabase) async -> [Result<InsertOutcome, any Error>] {
        if requests.count == 1 {
            // Alone: no savepoint needed, the transaction is the request.
            do {
                let (items, create) = requests[0]
                return [.success(try await database.transaction { tx in
                    try await IdempotentInsert.write(items, createMissingReferences: create, in: tx)
                })]
            } catch {
                return [.failure(error)]
            }
        }
        do {
            return try await database.transaction { tx in
                var results: [Result<InsertOutcome, any Error>] = []
                for (items, create) in requests {
                    try await tx.execute("SAVEPOINT otklik_request")
                    do {
                        let outcome = try await IdempotentInsert.write(items, createMissingReferences: create, in: tx)
                        try await tx.execute("RELEASE SAVEPOINT otklik_request")
                        results.append(.success(outcome))
                    } catch {
                        try await tx.execute("ROLLBACK TO SAVEPOINT otklik_request")
                        try await tx.execute("RELEASE SAVEPOINT otklik_request")
                        results.append(.failure(error))
                    }
                }
                return results
            }
        } catch {
            // The shared commit itself failed: nothing of the group was written.
            return requests.map { _ in .failure(error) }
        }
    }
}
