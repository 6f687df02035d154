import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { IdentifierPipe } from '@app/runtime';
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

  @Get(':customerId')
  @ApiResponse({ status: 200, type: AccountResponse })
  @ApiResponse({ status: 404, description: 'unknown customer' })
  async getAccount(@Param('customerId', IdentifierPipe) customerId: string): Promise<AccountResponse> {
    return view(await this.accounts.getAccount(customerId));
  }
}

const view = ({ customerId, balanceCents }: AccountResponse): AccountResponse => ({ customerId, balanceCents });
