import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, MessageDto, Public, Unauthorized } from '@app/core';
import {
  Authenticated,
  ChangePasswordDto,
  CredentialRoute,
  CurrentUser,
  LoginDto,
  RefreshDto,
  RegisterDto,
  SessionsService,
  TokenPairDto,
  toUserView,
  UsersService,
  UserViewDto,
  type AuthUser,
} from '@app/auth';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  @Post('register')
  @Public()
  @CredentialRoute()
  @ApiOperation({ summary: 'Create an account (developer or viewer; admins come from an admin or the CLI)' })
  @ApiCreatedResponse({ type: UserViewDto })
  @ApiErrors(409)
  async register(@Body() dto: RegisterDto): Promise<UserViewDto> {
    return toUserView(await this.users.create({ ...dto, role: dto.role ?? 'developer' }));
  }

  @Post('login')
  @Public()
  @CredentialRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange username and password for an access token (15 min) and a refresh token' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors(401)
  login(@Body() dto: LoginDto): Promise<TokenPairDto> {
    return this.sessions.login(dto.username, dto.password);
  }

  @Post('refresh')
  @Public()
  @CredentialRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate: a new access token and a new refresh token; reusing a refresh token revokes its family' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors(401)
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.sessions.refresh(dto.refresh_token);
  }

  @Post('logout')
  @Public()
  @CredentialRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke the refresh token family of this session' })
  @ApiOkResponse({ type: MessageDto })
  async logout(@Body() dto: RefreshDto): Promise<MessageDto> {
    await this.sessions.logout(dto.refresh_token);
    return { message: 'Logged out successfully' };
  }

  @Post('change-password')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: "Change the caller's password (needs the current one); every refresh token of the account is revoked" })
  @ApiOkResponse({ type: MessageDto })
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<MessageDto> {
    await this.sessions.changePassword(user.id, dto.current_password, dto.new_password);
    return { message: 'Password changed; other sessions must log in again' };
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The authenticated user' })
  @ApiOkResponse({ type: UserViewDto })
  async me(@CurrentUser() user: AuthUser): Promise<UserViewDto> {
    const row = await this.users.findActive(user.id);
    if (!row) throw Unauthorized();
    return toUserView(row);
  }
}
