import Foundation
import OtklikCore
import OtklikStore

/// The demo's customers: `C000000`–`C029999` appear on feedback, calls and service requests alike (so many come back
/// across channels); a customer's complaint leaves the customer's own phone, written the three ways people write it,
/// so the customer page shows the phone linked to the customer id; the first 300 have names.
enum DemoCustomers {
    static let named = 300

    static let firstNames = ["Анна", "Иван", "Мария", "Сергей", "Ольга", "Дмитрий", "Елена", "Алексей", "Наталья", "Михаил", "Татьяна", "Андрей"]
    static let lastNames = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов"]

    /// The customer's phone: 916 and seven digits from the customer number, in one of three spellings. A customer made
    /// from a contact (`cus_` and hex digits) may carry up to 19 digits: the product wraps (it overflowed and trapped
    /// in the 220,000-record demo, `otklik serve --demo`'s default); below the overflow the digits are as they were.
    static func phone(of customer: String, spelling: Int) -> String {
        let digits = customer.filter(\.isNumber)
        let number = String(format: "%07d", ((Int(digits) ?? 0) &* 7 % 10_000_000 + 10_000_000) % 10_000_000)
        let (a, b, c) = (number.prefix(3), number.dropFirst(3).prefix(2), number.suffix(2))
        switch spelling % 3 {
        case 0: return "+7 916 \(a)-\(b)-\(c)"
        case 1: return "8 (916) \(a)-\(b)-\(c)"
        default: return "916\(number)"
        }
    }

    /// A person's name for customer number `index` (feminine surnames for the women's first names).
    static func name(_ index: Int) -> String {
        let first = firstNames[index % firstNames.count]
        let last = lastNames[(index / firstNames.count) % lastNames.count]
        let feminine = ["Анна", "Мария", "Ольга", "Елена", "Наталья", "Татьяна"].contains(first)
        return "\(first) \(feminine ? last + "а" : last)"
    }

    /// Names the first customers that the demo's records created.
    static func seedNames(_ customers: any CustomerRepository) async throws {
        for index in 0..<named {
            let id = String(format: "C%06d", index)
            guard try await customers.customer(id: id) != nil else { continue }
            try await customers.updateProfile(customer: id, displayName: name(index), lang: index % 10 == 9 ? "en" : "ru")
        }
    }
}
