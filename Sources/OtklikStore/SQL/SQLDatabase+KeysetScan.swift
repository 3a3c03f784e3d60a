extension SQLExecutor {
    /// Visits a whole table in (`timeColumn`, id) order, `size` rows at a time, without OFFSET.
    /// `columns` must include `timeColumn` and `id`. With `upTo`, only rows written at or before that change-feed
    /// position (or before the feed existed) are visited.
    func keysetScan(
        table: String, columns: String, timeColumn: String, size: Int, upTo position: Int64? = nil, _ body: ([SQLRow]) async throws -> Void
    ) async throws {
        let feedCondition = position == nil ? "" : "(feed_position IS NULL OR feed_position <= ?)"
        let feedBinds: [SQLValue] = position.map { [.int($0)] } ?? []
        var after: (Int64, String)?
        while true {
            var conditions = feedCondition.isEmpty ? [] : [feedCondition]
            var binds = feedBinds
            if let (time, id) = after {
                conditions.append("(\(timeColumn) > ? OR (\(timeColumn) = ? AND id > ?))")
                binds += [.int(time), .int(time), .text(id)]
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let rows = try await query(
                "SELECT \(columns) FROM \(table)\(filter) ORDER BY \(timeColumn), id LIMIT ?", binds + [.int(Int64(size))])
            guard let last = rows.last else { return }
            try await body(rows)
            guard rows.count == size, let time = last.int64(timeColumn), let id = last.text("id") else { return }
            after = (time, id)
        }
    }
}
