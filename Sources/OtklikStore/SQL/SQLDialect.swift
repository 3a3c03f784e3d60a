/// The two SQL engines Otklik speaks.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres

    /// Rewrites `?` placeholders as `$1, $2, …` for PostgreSQL. Statements never carry `?` inside literals.
    func placeholders(_ sql: String) -> String {
        guard self == .postgres else { return sql }
        var result = ""
        result.reserveCapacity(sql.count + 16)
        var index = 0
        for character in sql {
            if character == "?" {
                index += 1
                result += "$\(index)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}
