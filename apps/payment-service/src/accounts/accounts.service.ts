import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ServiceError } from '@app/runtime';
import { Account } from './account.entity';

export class AccountNotFoundError extends ServiceError {
  readonly code = 'ACCOUNT_NOT_FOUND';
  readonly httpStatus = 404;
  constructor(customerId: string) {
    super(`account ${customerId} not found`);
  }
}

@Injectable()
export class AccountsService {
  constructor(@InjectRepository(Account) private readonly accounts: Repository<Account>) {}

  /** Sets the balance (creating the account); a demo shortcut for deposits. */
  async setBalance(customerId: string, balanceCents: number): Promise<Account> {
    await this.accounts.upsert({ customerId, balanceCents }, ['customerId']);
    return this.getAccount(customerId);
  }

  /** The most recently changed accounts first (the live console shows them). */
  recentAccounts(limit: number): Promise<Account[]> {
    return this.accounts.find({ order: { updatedAt: 'DESC', customerId: 'ASC' }, take: limit });
  }

  async getAccount(customerId: string): Promise<Account> {
    const account = await this.accounts.findOneBy({ customerId });
    if (!account) throw new AccountNotFoundError(customerId);
    return account;
  }
}
