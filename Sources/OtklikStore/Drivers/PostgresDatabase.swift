import Foundation
import Logging
import NIOCore
import PostgresNIO

/// PostgreSQL through postgres-nio's pooled `PostgresClient`, whose run loop lives in a task this type owns.
public final class PostgresDatabase: SQLDatabase {
    public let dialect = SQLDialect.postgres
    public let displayName: String
    let client: PostgresClient
    let logger: Logger
    private let runTask: Task<Void, Never>
    public let localCommits = LocalCommits()

    /// Connects to `postgres://user:password@host:port/database`.
    public init(url: String, logger: Logger) throws {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme),
            let host = components.host, let user = components.user
        else { throw StoreError.badDatabaseURL(url) }
        let database = String(components.path.drop(while: { $0 == "/" }))
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.maximumConnections = 16
        displayName = "postgres://\(user)@\(host):\(components.port ?? 5432)/\(database)"
        self.logger = logger
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runTask = Task { await client.run() }
    }

    public func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await client.withConnection { try await Self.query($0, sql, binds, logger) }
    }

    public func execute(_ sql: String, _ binds: [SQLValue]) async throws {
        _ = try await query(sql, binds)
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        do {
            let (result, appended) = try await localCommits.collecting {
                try await client.withTransaction(logger: logger) { connection in
                    try await body(Connection(connection: connection, logger: self.logger))
                }
            }
            localCommits.publish(appended)
            return result
        } catch let error as PostgresTransactionError {
            // The body's own error (a validation failure, a conflict) is what callers handle; the rollback worked.
            if let closureError = error.closureError, error.rollbackError == nil { throw closureError }
            throw error
        }
    }

    public func isUniqueViolation(_ error: any Error) -> Bool {
        let error = (error as? PostgresTransactionError)?.closureError ?? error
        return (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }

    public func close() async throws {
        runTask.cancel()
        await runTask.value
    }

    /// A leased connection inside a transaction.
    struct Connection: SQLExecutor {
        let connection: PostgresConnection
        let logger: Logger
        var dialect: SQLDialect { .postgres }

        func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            try await PostgresDatabase.query(connection, sql, binds, logger)
        }

        func execute(_ sql: String, _ binds: [SQLValue]) async throws {
            _ = try await query(sql, binds)
        }
    }

    static func query(_ connection: PostgresConnection, _ sql: String, _ binds: [SQLValue], _ logger: Logger) async throws -> [SQLRow] {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds {
            switch bind {
            case .null: bindings.appendNull()
            case .int(let v): bindings.append(v)
            case .double(let v): bindings.append(v)
            case .text(let v): bindings.append(v)
            }
        }
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: SQLDialect.postgres.placeholders(sql), binds: bindings), logger: logger)
        var result: [SQLRow] = []
        var columns: [String]?
        for try await row in rows {
            var values: [SQLValue] = []
            var names: [String] = []
            for cell in row {
                names.append(cell.columnName.lowercased())
                values.append(try value(cell))
            }
            if columns == nil { columns = names }
            result.append(SQLRow(columns: columns ?? names, values: values))
        }
        return result
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2: return .int(Int64(try cell.decode(Int16.self)))
        case .int4: return .int(Int64(try cell.decode(Int32.self)))
        case .int8: return .int(try cell.decode(Int64.self))
        case .float4, .float8: return .double(try cell.decode(Double.self))
        case .numeric: return .double(Double(try cell.decode(String.self)) ?? .nan)
        case .bool: return .int(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }
}
