/// The order exports bazar reads (SPEC section 8). The header names are the seller centres' own, including their
/// quirks; a new export is a new entry here, not new code.
public enum Layouts {
    /// Tokopedia's order report, "Laporan Penjualan": four title rows, the headers on row 5, in Indonesian.
    public static let tokopediaReport = OrderLayout(
        name: "Tokopedia order report",
        formats: [.tokopedia],
        headers: [
            .ref: ["Nomor Invoice", "Invoice"],
            .paidDate: ["Tanggal Pembayaran"],
            .orderDate: ["Tanggal Pesanan", "Tanggal Pemesanan"],
            .status: ["Status Terakhir"],
            .cancelledDate: ["Tanggal Pesanan Dibatalkan"],
            .productName: ["Nama Produk"],
            .sku: ["Nomor SKU", "SKU"],
            .qty: ["Jumlah Produk Dibeli"],
            .unitPrice: ["Harga Jual (IDR)"],
            .amount: ["Total Penjualan (IDR)"],
            .city: ["Kota"],
            .province: ["Provinsi"],
        ],
        required: [.ref, .paidDate, .productName, .qty],
        cancelledStatuses: ["batal", "dikembalikan", "pengembalian", "refund"],
        cancelledWhen: [.cancelledDate])

    /// The Tokopedia & TikTok Shop seller center's `OrderSKUList`: English headers with a row of descriptions under them.
    public static let orderSKUList = OrderLayout(
        name: "Tokopedia & TikTok Shop OrderSKUList",
        formats: [.tokopedia, .tiktok],
        headers: [
            .ref: ["Order ID"],
            .invoice: ["Tokopedia Invoice Number"],
            .status: ["Order Status"],
            .cancelType: ["Cancelation/Return Type", "Cancellation/Return Type"],
            .sku: ["Seller SKU"],
            .productName: ["Product Name"],
            .qty: ["Quantity"],
            .amount: ["SKU Subtotal After Discount"],
            .paidDate: ["Paid Time"],
            .orderDate: ["Created Time"],
            .province: ["Province"],
            .city: ["Regency and City"],
        ],
        required: [.ref, .productName, .qty, .amount, .orderDate],
        descriptionRow: true,
        cancelledStatuses: ["cancel", "return", "refund"],
        cancelledWhen: [.cancelType])

    /// Shopee's order export, in the seller centre's Indonesian or English; money as text in that language.
    public static let shopee = OrderLayout(
        name: "Shopee order export",
        formats: [.shopee],
        headers: [
            .ref: ["No. Pesanan", "Order ID"],
            .status: ["Status Pesanan", "Order Status"],
            .orderDate: ["Waktu Pesanan Dibuat", "Order Creation Date"],
            .paidDate: ["Waktu Pembayaran Dilakukan", "Order Paid Time"],
            .productName: ["Nama Produk", "Product Name"],
            .sku: ["Nomor Referensi SKU", "SKU Reference No."],
            .parentSKU: ["SKU Induk", "Parent SKU Reference No."],
            .qty: ["Jumlah", "Quantity"],
            .unitPrice: ["Harga Setelah Diskon", "Deal Price"],
            .amount: ["Total Harga Produk", "Product Subtotal"],
            .city: ["Kota/Kabupaten", "City"],
            .province: ["Provinsi", "Province"],
        ],
        required: [.ref, .status, .orderDate, .productName, .qty, .unitPrice],
        cancelledStatuses: ["batal", "pengembalian", "cancel", "return", "refund"])

    /// bazar's own CSV columns (`ref,date,product,qty,amount,buyer,channel`): the `csv` format. `event` and
    /// `participant` may be columns too, so that `list sales > sales.csv` imports into another store.
    public static let bazarCSV = OrderLayout(
        name: "bazar CSV",
        formats: [.csv],
        headers: [
            .ref: ["ref"], .orderDate: ["date"], .product: ["product"], .participant: ["participant"], .event: ["event"],
            .qty: ["qty"], .amount: ["amount"], .city: ["buyer"], .channel: ["channel"],
        ],
        required: [.orderDate, .product],
        headerWithin: 1)

    public static let all = [tokopediaReport, orderSKUList, shopee, bazarCSV]
}
