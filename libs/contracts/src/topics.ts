/** Topics, all created with message.type=TRANSACTION (see infra/rocketmq/resources.txt). */
export const Topics = {
  /** OrderCreated, OrderConfirmed, OrderCancelled: published by order-service. */
  orderEvents: 'order-events',
  /** StockReserved, StockRejected: published by inventory-service. */
  stockEvents: 'stock-events',
  /** PaymentSucceeded, PaymentFailed: published by payment-service. */
  paymentEvents: 'payment-events',
} as const;
export type Topic = (typeof Topics)[keyof typeof Topics];

/** One consumer group per consuming service. */
export const ConsumerGroups = {
  orderService: 'order-service',
  inventoryService: 'inventory-service',
  paymentService: 'payment-service',
} as const;
export type ConsumerGroup = (typeof ConsumerGroups)[keyof typeof ConsumerGroups];
