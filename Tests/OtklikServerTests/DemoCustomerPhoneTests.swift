@testable import OtklikServer
import OtklikCore
import Testing

/// The demo's customer phones: a customer made from a contact (`cus_` and 20 hex digits) may carry up to 19 decimal
/// digits, and `otklik demo --records 220000` (the default of `otklik serve --demo`) trapped on the overflow of
/// multiplying them; a customer number (`C001240`) keeps the phone it always had.
@Suite struct DemoCustomerPhoneTests {
    @Test func everyCustomerIdGivesAMobileNumberAndNoTrap() {
        #expect(DemoCustomers.phone(of: "C001240", spelling: 0) == "+7 916 000-86-80", "1240 × 7 = 8680, as before")
        for customer in ["cus_9182736450918273645", "cus_99999999999999999999", "cus_1234567890123456789", "cus_abcdef"] {
            for spelling in 0..<3 {
                let phone = DemoCustomers.phone(of: customer, spelling: spelling)
                let identity = IdentityNormalizer.contact(phone).identity
                #expect(identity?.kind == .phone && identity?.value.hasPrefix("+7916") == true && identity?.value.count == 12, "\(customer): \(phone)")
            }
        }
    }
}
