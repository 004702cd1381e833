//! Every value of every enumeration reads back as itself. Wire text is looked up in a table the generator sorts
//! (by length, then bytes) and the runtime binary-searches (`scalar::enumeration::wire_order`); were the two
//! orders ever to differ, a listed value would silently read as `Unrecognized`, which no other test would see.

use paypal_soap::types::*;

macro_rules! every_value_reads_back {
    ($($enumeration:ident),* $(,)?) => {
        #[test]
        fn every_listed_value_reads_back_as_itself() {
            let mut checked = 0;
            $(
                for &value in $enumeration::VALUES {
                    let read = $enumeration::from_wire(value);
                    assert!(read.is_known(), "{}: {value:?} read as unrecognized", stringify!($enumeration));
                    assert_eq!(read.as_str(), value, "{}", stringify!($enumeration));
                    checked += 1;
                }
                // Text the schema does not list is kept as received.
                let unknown = $enumeration::from_wire("NotAValueOfThisEnumeration");
                assert!(!unknown.is_known());
                assert_eq!(unknown.as_str(), "NotAValueOfThisEnumeration");
            )*
            assert!(checked > 1000, "only {checked} values checked");
        }

        /// The list below is every enumeration the crate has: one added to the schema must be added here too.
        #[test]
        fn every_enumeration_is_listed() {
            let listed = [$(stringify!($enumeration)),*];
            let generated: Vec<&str> = include_str!("../src/generated/ebl/enums.rs")
                .lines()
                .filter_map(|line| line.strip_prefix("pub enum "))
                .filter_map(|rest| rest.split_whitespace().next())
                .collect();
            let missing: Vec<&&str> = generated.iter().filter(|name| !listed.contains(name)).collect();
            assert!(missing.is_empty(), "enumerations not checked here: {missing:?}");
            assert_eq!(generated.len(), listed.len());
        }
    };
}

// Every enumeration of PayPal's schema (123), all generated in `generated/src/generated/ebl/enums.rs`.
every_value_reads_back!(
    AccountStateCodeType,
    AckCodeType,
    AddressNormalizationStatusCodeType,
    AddressOwnerCodeType,
    AddressStatusCodeType,
    AllowedPaymentMethodType,
    ApiAuthenticationType,
    ApiType,
    ApprovalSubTypeType,
    ApprovalTypeType,
    AuctionTypeCodeType,
    AutoBillType,
    AverageMonthlyVolumeType,
    AverageTransactionPriceType,
    BalanceCodeType,
    BankAccountTypeType,
    BankIdCodeType,
    BillingCodeType,
    BillingPeriodType,
    BoardingStatusType,
    BusinessCategoryType,
    BusinessSubCategoryType,
    BusinessTypeType,
    ButtonCodeType,
    ButtonImageType,
    ButtonStatusType,
    ButtonSubTypeType,
    ButtonTypeType,
    BuyNowTextType,
    BuyerPaymentMethodCodeType,
    BuyerProtectionCodeType,
    ChannelType,
    CheckoutStatusCodeType,
    CompleteCodeType,
    CountryCodeType,
    CoupleType,
    CreditCardTypeType,
    CurrencyCodeType,
    DepositTypeCodeType,
    DetailLevelCodeType,
    DyneticClientType,
    EbayCheckoutType,
    EscrowCodeType,
    FailedPaymentActionType,
    FeedbackRatingStarCodeType,
    FmfPendingTransactionActionType,
    GalleryTypeCodeType,
    GeneralPaymentMethodCodeType,
    GiftServicesCodeType,
    HitCounterCodeType,
    IncentiveAppliedStatusType,
    IncentiveRequestCodeType,
    IncentiveRequestDetailLevelCodeType,
    IncentiveSiteAppliedOnType,
    IncentiveTypeCodeType,
    InsuranceOptionCodeType,
    ItemCategoryType,
    LandingPageType,
    ListingDurationCodeType,
    ListingEnhancementsCodeType,
    ListingTypeCodeType,
    LocationType,
    MarketingCategoryType,
    MatchStatusCodeType,
    MerchandizingPrefCodeType,
    MerchantPullPaymentCodeType,
    MerchantPullStatusCodeType,
    MobilePaymentCodeType,
    MobileRecipientCodeType,
    ModifyCodeType,
    OptionTypeListType,
    PayPalUserStatusCodeType,
    PaymentActionCodeType,
    PaymentCategoryType,
    PaymentCodeType,
    PaymentNotificationServiceCodeType,
    PaymentReasonType,
    PaymentStatusCodeType,
    PaymentTransactionClassCodeType,
    PaymentTransactionCodeType,
    PaymentTransactionStatusCodeType,
    PendingStatusCodeType,
    PercentageRevenueFromOnlineSalesType,
    PhotoDisplayCodeType,
    PosTransactionCodeType,
    ProductCategoryType,
    PromotionItemPriceTypeCodeType,
    PromotionItemSelectionCodeType,
    PromotionMethodCodeType,
    PromotionSchemeCodeType,
    PurchasePurposeTypeCodeType,
    ReceiverInfoCodeType,
    RecurringFlagType,
    RecurringPaymentsProfileStatusType,
    RedeemedOfferType,
    RefundSourceCodeType,
    RefundType,
    ReversalReasonCodeType,
    SalesVenueType,
    SellerLevelCodeType,
    SellerPaymentMethodCodeType,
    SeverityCodeType,
    ShippingOptionCodeType,
    ShippingPackageCodeType,
    ShippingRatesTypeCodeType,
    ShippingRegionCodeType,
    ShippingServiceCodeType,
    ShippingTermsCodeType,
    SiteCodeType,
    SolutionTypeType,
    StatusChangeActionType,
    StoreVisibilityStatusType,
    SubscribeTextType,
    TotalType,
    TransactionEntityType,
    UnitCodeType,
    UnitOfMeasure,
    UserChannelCodeType,
    UserSelectedFundingSourceType,
    UserStatusCodeType,
    UserWithdrawalLimitTypeType,
    VatStatusCodeType,
    WalletItemType
);
