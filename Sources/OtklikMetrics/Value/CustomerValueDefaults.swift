/// The settings every per-customer value in Otklik uses (the customer's value, segments on CLV or P(alive), a
/// programme's `clv` outcome): at least `minimumCustomers` customers with transactions in the fit, CLV over
/// `horizonMonths` months discounted at `monthlyDiscountRate` a month.
public enum CustomerValueDefaults {
    public static let minimumCustomers = 100
    public static let horizonMonths = 12
    public static let monthlyDiscountRate = 0.01
}
