import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CreateApologyDto {
  @ApiProperty({ example: 'Chờ cơ quan BHXH xác minh thời gian đóng bảo hiểm của người lao động' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @ApiProperty({ description: 'a working day YYYY-MM-DD (meaning the end of office hours) or an ISO 8601 instant', example: '2020-05-19' })
  @IsString()
  @MaxLength(40)
  newReturnDate: string;
}
