import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { IdentifierPipe, LimitQuery } from '@app/runtime';
import { AccountsService } from './accounts.service';
import { AccountResponse, SetBalanceDto } from './dto/set-balance.dto';

@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Put(':customerId')
  @ApiResponse({ status: 200, type: AccountResponse })
  @ApiResponse({ status: 400, description: 'invalid customerId or balanceCents; the message names the field' })
  async setBalance(
    @Param('customerId', IdentifierPipe) customerId: string,
    @Body() dto: SetBalanceDto,
  ): Promise<AccountResponse> {
    return view(await this.accounts.setBalance(customerId, dto.balanceCents));
  }

  @Get()
  @ApiResponse({ status: 200, type: [AccountResponse], description: 'the most recently changed accounts first' })
  async recentAccounts(@Query() query: LimitQuery): Promise<AccountResponse[]> {
    return (await this.accounts.recentAccounts(query.limit)).map(view);
  }

  @Get(':customerId')
  @ApiResponse({ status: 200, type: AccountResponse })
  @ApiResponse({ status: 404, description: 'unknown customer' })
  async getAccount(@Param('customerId', IdentifierPipe) customerId: string): Promise<AccountResponse> {
    return view(await this.accounts.getAccount(customerId));
  }
}

const view = ({ customerId, balanceCents }: AccountResponse): AccountResponse => ({ customerId, balanceCents });
