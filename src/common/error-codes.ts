// Pure: every error code the service answers with, its HTTP status and its title in English and
// Vietnamese. One const object per area; a code used anywhere must be registered here, or the
// error factories (domain-error.ts) do not compile. docs/api.md's error table is checked against it.

/** The statuses a refusal may carry. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 406 | 408 | 409 | 413 | 415 | 422 | 429 | 431 | 500 | 503;

export interface ErrorEntry {
  status: ProblemStatus;
  /** A short title saying what the code means, in English and in Vietnamese. */
  en: string;
  vi: string;
}

/** Refusals of the HTTP layer itself (parsing, routing, limits) and of the service as a whole. */
export const HTTP_ERRORS = {
  VALIDATION_FAILED: { status: 400, en: 'Some fields of the request are invalid', vi: 'Một số trường của yêu cầu không hợp lệ' },
  BAD_REQUEST: { status: 400, en: 'The request is malformed', vi: 'Yêu cầu không đúng định dạng' },
  HTTP_ERROR: {
    status: 400,
    en: 'The request was refused by the HTTP layer; statusCode gives the status',
    vi: 'Yêu cầu bị từ chối ở tầng HTTP; statusCode cho biết mã trạng thái',
  },
  UNAUTHENTICATED: { status: 401, en: 'Authentication is required', vi: 'Cần xác thực' },
  FORBIDDEN: { status: 403, en: 'Not allowed', vi: 'Không được phép' },
  NOT_FOUND: { status: 404, en: 'No such resource', vi: 'Không tìm thấy tài nguyên' },
  METHOD_NOT_ALLOWED: { status: 405, en: 'The method is not allowed on this resource', vi: 'Phương thức không được hỗ trợ cho tài nguyên này' },
  NOT_ACCEPTABLE: { status: 406, en: 'No acceptable representation', vi: 'Không có định dạng phản hồi phù hợp' },
  REQUEST_TIMEOUT: { status: 408, en: 'The request was not received in time', vi: 'Yêu cầu không được nhận kịp thời hạn' },
  CONFLICT: { status: 409, en: 'The request conflicts with the current state', vi: 'Yêu cầu xung đột với trạng thái hiện tại' },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    en: 'The body is too large for this route (bytes or JSON values)',
    vi: 'Nội dung gửi lên quá lớn so với giới hạn của chức năng này (số byte hoặc số giá trị JSON)',
  },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, en: 'The content type or character set is not supported', vi: 'Kiểu nội dung hoặc bảng mã không được hỗ trợ' },
  UNSUPPORTED_CONTENT_ENCODING: {
    status: 415,
    en: 'Compressed bodies are not accepted; send the body uncompressed',
    vi: 'Không nhận nội dung nén; hãy gửi nội dung không nén',
  },
  PAGE_TOO_DEEP: {
    status: 400,
    en: 'page × pageSize may not pass 10,000; walk further with cursor',
    vi: 'page × pageSize không được vượt quá 10.000; hãy dùng cursor để xem tiếp',
  },
  CURSOR_INVALID: { status: 400, en: 'The cursor is not one this list gave', vi: 'cursor không phải do danh sách này cấp' },
  UNPROCESSABLE: { status: 422, en: 'The request cannot be processed', vi: 'Không thể xử lý yêu cầu' },
  TOO_MANY_REQUESTS: { status: 429, en: 'Too many requests; try again later', vi: 'Quá nhiều yêu cầu; vui lòng thử lại sau' },
  HEADERS_TOO_LARGE: { status: 431, en: 'The request line and headers are too large (16 KB at most)', vi: 'Dòng yêu cầu và phần đầu (header) quá lớn (tối đa 16 KB)' },
  INTERNAL_ERROR: { status: 500, en: 'Internal error; quote errorId to the operators', vi: 'Lỗi hệ thống; hãy báo errorId cho bộ phận vận hành' },
  SERVICE_UNAVAILABLE: { status: 503, en: 'The service is unavailable', vi: 'Dịch vụ tạm thời không khả dụng' },
  NOT_READY: {
    status: 503,
    en: 'This instance cannot serve now (its database, migrations or scheduler); see checks',
    vi: 'Phiên bản dịch vụ này tạm thời chưa sẵn sàng (cơ sở dữ liệu, cập nhật cấu trúc hoặc bộ lập lịch)',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    en: 'The database is not answering; try again shortly',
    vi: 'Cơ sở dữ liệu không phản hồi; vui lòng thử lại sau ít phút',
  },
} as const satisfies Record<string, ErrorEntry>;

/** Authentication (the auth guard) and who may call a route. */
export const AUTH_ERRORS = {
  AUTH_TOKEN_MISSING: { status: 401, en: 'No bearer token was sent', vi: 'Chưa gửi mã truy cập (Bearer token)' },
  AUTH_TOKEN_INVALID: { status: 401, en: 'The token is not valid', vi: 'Mã truy cập không hợp lệ' },
  AUTH_TOKEN_EXPIRED: {
    status: 401,
    en: 'The token has expired; ask an administrator for a new one',
    vi: 'Mã truy cập đã hết hạn; hãy đề nghị quản trị viên cấp mã mới',
  },
  AUTH_TOKEN_REVOKED: {
    status: 401,
    en: 'The token was revoked (reissued, or its holder moved to another unit); ask an administrator for a new one',
    vi: 'Mã truy cập đã bị thu hồi (đã cấp mã mới, hoặc người giữ mã đã chuyển đơn vị); hãy đề nghị quản trị viên cấp mã mới',
  },
  AUTH_OFFICIAL_INACTIVE: {
    status: 401,
    en: 'The official holding this token is deactivated',
    vi: 'Cán bộ giữ mã truy cập này đã ngừng hoạt động',
  },
  AUTH_TOO_MANY_FAILURES: {
    status: 429,
    en: 'Too many failed authentications from this address; wait a minute',
    vi: 'Quá nhiều lần xác thực thất bại từ địa chỉ này; vui lòng chờ một phút',
  },
  PRINCIPAL_KIND_FORBIDDEN: { status: 403, en: 'This route is not for this kind of caller', vi: 'Loại tài khoản này không được dùng chức năng này' },
} as const satisfies Record<`AUTH_${string}` | `PRINCIPAL_${string}`, ErrorEntry>;

/** Units, officials, grants and tokens (the admin CLI). */
export const OFFICIALS_ERRORS = {
  OFFICIAL_NOT_FOUND: { status: 404, en: 'No official has this ID number', vi: 'Không có cán bộ nào có số định danh này' },
  OFFICIAL_INACTIVE: { status: 422, en: 'The official is inactive', vi: 'Cán bộ đã ngừng hoạt động' },
  OFFICIAL_UNIT_NOT_FOUND: { status: 404, en: 'No unit has this code', vi: 'Không có đơn vị với mã này' },
  PRINCIPAL_NOT_FOUND: { status: 404, en: 'No principal has this id', vi: 'Không có tài khoản với mã này' },
  PRINCIPAL_ID_INVALID: { status: 400, en: 'The principal id is not a UUID', vi: 'Mã tài khoản không phải UUID' },
  PRINCIPAL_NAME_INVALID: { status: 400, en: 'The name must be 1–200 characters', vi: 'Tên phải dài từ 1 đến 200 ký tự' },
  TOKEN_EXPIRY_INVALID: {
    status: 400,
    en: 'A token expires after 1 to 366 days',
    vi: 'Thời hạn của mã truy cập phải từ 1 đến 366 ngày',
  },
  GRANT_NOT_FOUND: { status: 404, en: 'The official has no such grant', vi: 'Cán bộ không được giao bước này' },
  GRANT_UNKNOWN_PROCEDURE: { status: 400, en: 'No procedure has this code', vi: 'Không có thủ tục với mã này' },
  GRANT_UNKNOWN_STEP: { status: 400, en: 'The procedure has no such step', vi: 'Thủ tục không có bước này' },
  GRANT_STEP_NOT_GRANTABLE: {
    status: 422,
    en: 'The step is taken by the employer through the portal, not by an official',
    vi: 'Bước này do người sử dụng lao động thực hiện qua Cổng Dịch vụ công, không giao cho cán bộ',
  },
  GRANT_UNIT_KIND_MISMATCH: { status: 422, en: 'The official\'s unit does not act on this step', vi: 'Đơn vị của cán bộ không xử lý bước này' },
} as const satisfies Record<`OFFICIAL_${string}` | `PRINCIPAL_${string}` | `TOKEN_${string}` | `GRANT_${string}`, ErrorEntry>;

/** The procedure catalogue. */
export const PROCEDURES_ERRORS = {
  PROCEDURE_NOT_PUBLISHED: { status: 404, en: 'The procedure has no published version', vi: 'Thủ tục chưa có phiên bản được công bố' },
  PROCEDURE_VERSION_NOT_FOUND: { status: 404, en: 'The procedure has no such version', vi: 'Thủ tục không có phiên bản này' },
  PROCEDURE_PUBLISH_BEFORE_EFFECT: { status: 422, en: 'A version cannot apply before its legal text takes effect', vi: 'Phiên bản không thể áp dụng trước ngày văn bản pháp luật có hiệu lực' },
  PROCEDURE_INTAKE_INVALID: { status: 422, en: 'The last day of intake cannot be before its first', vi: 'Ngày cuối tiếp nhận hồ sơ không thể trước ngày đầu' },
  PROCEDURE_DEFINITION_UNREADABLE: { status: 400, en: 'The definition is not UTF-8 JSON or YAML', vi: 'Tệp định nghĩa không phải JSON hoặc YAML mã UTF-8' },
  PROCEDURE_DEFINITION_INVALID: { status: 400, en: 'The definition does not follow the procedure definition schema', vi: 'Định nghĩa không đúng lược đồ định nghĩa thủ tục' },
  PROCEDURE_ELIGIBILITY_UNKNOWN: { status: 400, en: 'The eligibility rule kind is not one the engine knows', vi: 'Loại quy tắc điều kiện không được hệ thống hỗ trợ' },
  PROCEDURE_STEP_INVALID: { status: 400, en: 'A step of the definition is invalid', vi: 'Một bước của định nghĩa không hợp lệ' },
  PROCEDURE_STEP_UNREACHABLE: { status: 400, en: 'A step cannot be reached or cannot finish', vi: 'Một bước không thể đến được hoặc không thể kết thúc' },
  PROCEDURE_ACTOR_UNKNOWN: { status: 400, en: 'Nobody can act on a step: its actor is no known unit kind', vi: 'Không ai có thể xử lý bước: chủ thể không phải loại đơn vị đã biết' },
  PROCEDURE_CONTENT_SCHEMA_INVALID: { status: 400, en: 'The content schema is not a valid JSON Schema', vi: 'Lược đồ nội dung không phải JSON Schema hợp lệ' },
  PROCEDURE_VERSION_IMMUTABLE: { status: 409, en: 'A deployed version cannot change; deploy a new version', vi: 'Phiên bản đã triển khai không thể thay đổi; hãy triển khai phiên bản mới' },
} as const satisfies Record<`PROCEDURE_${string}`, ErrorEntry>;

/** Dossiers: intake, actions, idempotency. */
export const DOSSIERS_ERRORS = {
  DOSSIER_NOT_FOUND: { status: 404, en: 'No dossier has this id', vi: 'Không có hồ sơ với mã định danh này' },
  DOSSIER_OUT_OF_JURISDICTION: { status: 403, en: 'The dossier is outside your unit\'s jurisdiction', vi: 'Hồ sơ không thuộc địa bàn quản lý của đơn vị bạn' },
  DOSSIER_SUBMIT_FORBIDDEN: {
    status: 403,
    en: 'Only the portal integration may submit dossiers',
    vi: 'Chỉ hệ thống tích hợp của Cổng Dịch vụ công được nộp hồ sơ',
  },
  DOSSIER_ACTION_FORBIDDEN: { status: 403, en: 'You may not take this action on this dossier', vi: 'Bạn không được thực hiện thao tác này trên hồ sơ' },
  DOSSIER_ACTION_NOT_AVAILABLE: {
    status: 409,
    en: 'The action is not available in the dossier\'s current state',
    vi: 'Thao tác không khả dụng ở trạng thái hiện tại của hồ sơ',
  },
  DOSSIER_VERSION_CONFLICT: {
    status: 409,
    en: 'The dossier was changed by another request; read it again',
    vi: 'Hồ sơ vừa được thay đổi bởi một yêu cầu khác; vui lòng tải lại',
  },
  DOSSIER_PORTAL_CODE_CONFLICT: {
    status: 409,
    en: 'This portal code was already submitted with a different body',
    vi: 'Mã hồ sơ này đã được nộp với nội dung khác',
  },
  DOSSIER_REASON_REQUIRED: { status: 400, en: 'A reason is required for this action', vi: 'Cần nêu lý do cho thao tác này' },
  DOSSIER_DATA_REQUIRED: { status: 400, en: 'The action lacks data it requires', vi: 'Thao tác thiếu dữ liệu bắt buộc' },
  DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN: {
    status: 422,
    en: 'A digitally signed online dossier is never sent back for paper copies',
    vi: 'Hồ sơ trực tuyến đã ký số không bị yêu cầu bổ sung bản giấy',
  },
  IDEMPOTENCY_KEY_INVALID: { status: 400, en: 'The Idempotency-Key header is malformed', vi: 'Tiêu đề Idempotency-Key không hợp lệ' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    en: 'This Idempotency-Key was already used for a different request',
    vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác',
  },
  DOSSIER_SUBMITTED_IN_FUTURE: { status: 422, en: 'submittedAt lies in the future', vi: 'Thời điểm nộp hồ sơ (submittedAt) ở tương lai' },
  DOSSIER_SUBMITTED_TOO_LONG_AGO: { status: 422, en: 'submittedAt is older than the service takes automatically', vi: 'Thời điểm nộp hồ sơ quá lâu so với giới hạn tiếp nhận tự động' },
  DOSSIER_OUTSIDE_INTAKE_WINDOW: { status: 422, en: 'No version of the procedure takes dossiers submitted on that day', vi: 'Không có phiên bản thủ tục tiếp nhận hồ sơ nộp vào ngày này' },
  DOSSIER_SUPPLEMENT_ITEMS_REQUIRED: { status: 400, en: 'A supplement request lists what it asks for', vi: 'Yêu cầu bổ sung phải nêu rõ các giấy tờ cần bổ sung' },
  DOSSIER_SUPPLEMENT_ALREADY_REQUESTED: { status: 422, en: 'A supplement may be requested once per dossier', vi: 'Mỗi hồ sơ chỉ được yêu cầu bổ sung một lần' },
  DOSSIER_GROUND_REQUIRED: { status: 400, en: 'A refusal gives its ground from the procedure\'s list', vi: 'Từ chối phải nêu căn cứ theo danh mục của thủ tục' },
  DOSSIER_GROUND_UNKNOWN: { status: 400, en: 'The ground is not one of the procedure version\'s', vi: 'Căn cứ từ chối không thuộc danh mục của phiên bản thủ tục' },
  DOSSIER_GROUND_NOT_APPLICABLE: { status: 422, en: 'The ground does not apply to this dossier', vi: 'Căn cứ từ chối không áp dụng cho hồ sơ này' },
  DOSSIER_FIELD_NOT_EXPECTED: { status: 400, en: 'The field is taken only with another action', vi: 'Trường này chỉ dùng cho thao tác khác' },
  DOSSIER_INELIGIBLE_MUST_REJECT: {
    status: 422,
    en: 'No eligible worker is left, or the law excludes the dossier: it can only be refused',
    vi: 'Hồ sơ không còn người lao động đủ điều kiện hoặc không đủ điều kiện theo quy định: chỉ có thể từ chối',
  },
  DOSSIER_EXCLUSION_INVALID: {
    status: 400,
    en: 'data.exclude names a worker, a ground or a reason that is not valid',
    vi: 'Danh sách loại trừ (data.exclude) có người lao động, căn cứ hoặc lý do không hợp lệ',
  },
  DOSSIER_DISBURSAL_ABOVE_CAP: { status: 422, en: 'The amount is above the most the law allows', vi: 'Số tiền vượt mức tối đa theo quy định' },
  DOSSIER_LOAN_DATA_INVALID: {
    status: 400,
    en: 'The loan\'s term or a payment (month, amount, workers) is not valid',
    vi: 'Thời hạn vay hoặc khoản chi trả (tháng, số tiền, người lao động) không hợp lệ',
  },
  DOSSIER_LOAN_TERM_ABOVE_LIMIT: { status: 422, en: 'The loan\'s term is above the 12 months the law allows', vi: 'Thời hạn vay vượt quá 12 tháng theo quy định' },
  DOSSIER_PAYMENTS_ABOVE_LOAN: { status: 422, en: 'The payments would exceed the loan\'s amount', vi: 'Tổng số tiền chi trả vượt quá số tiền cho vay' },
  DOSSIER_PAYMENT_WORKER_NOT_LENT: {
    status: 422,
    en: 'A payment names a worker the loan is not for (unknown, or left out of the dossier)',
    vi: 'Khoản chi trả có người lao động không thuộc danh sách được vay (không có hoặc đã bị loại khỏi hồ sơ)',
  },
  DOSSIER_RESULT_NOT_RETURNABLE: { status: 409, en: 'Only an approved dossier\'s result is returned this way', vi: 'Chỉ hồ sơ đã được phê duyệt mới trả kết quả theo cách này' },
  DOSSIER_RESULT_ALREADY_RETURNED: { status: 409, en: 'The result was already returned', vi: 'Kết quả đã được trả' },
  DOCUMENT_NOT_FOUND: { status: 404, en: 'The dossier has no such document', vi: 'Hồ sơ không có văn bản này' },
  DECISION_SIGNER_INVALID: { status: 400, en: 'data.signer is not an ID number', vi: 'Người ký (data.signer) không phải số định danh cá nhân' },
  DECISION_SIGNER_REQUIRED: {
    status: 422,
    en: 'Several officials may sign the decision: name one in data.signer',
    vi: 'Có nhiều cán bộ có thể ký quyết định: cần nêu người ký (data.signer)',
  },
  DECISION_SIGNER_NOT_AUTHORISED: {
    status: 422,
    en: 'The official named may not sign for the provincial People\'s Committee',
    vi: 'Cán bộ được nêu không được ký thay mặt Ủy ban nhân dân tỉnh',
  },
  DECISION_SIGNER_MISSING: {
    status: 422,
    en: 'No official may sign for the provincial People\'s Committee',
    vi: 'Không có cán bộ nào được ký thay mặt Ủy ban nhân dân tỉnh',
  },
  DECISION_ISSUER_MISSING: {
    status: 422,
    en: 'The province has no People\'s Committee unit to issue the decision',
    vi: 'Tỉnh chưa có đơn vị Ủy ban nhân dân tỉnh để ban hành quyết định',
  },
} as const satisfies Record<`DOSSIER_${string}` | `IDEMPOTENCY_${string}` | `DOCUMENT_${string}` | `DECISION_${string}`, ErrorEntry>;

/** Citizens' feedback (phản ánh, kiến nghị). */
export const FEEDBACK_ERRORS = {
  FEEDBACK_NOT_FOUND: { status: 404, en: 'No such feedback', vi: 'Không tìm thấy phản ánh, kiến nghị' },
  FEEDBACK_OUT_OF_SCOPE: {
    status: 403,
    en: 'The feedback is neither assigned to your unit nor about a dossier in your jurisdiction',
    vi: 'Phản ánh không được chuyển cho đơn vị bạn và không liên quan đến hồ sơ thuộc địa bàn của bạn',
  },
  FEEDBACK_ACTION_FORBIDDEN: { status: 403, en: 'You may not take this action on this feedback', vi: 'Bạn không được thực hiện thao tác này trên phản ánh' },
  FEEDBACK_ACTION_NOT_AVAILABLE: {
    status: 409,
    en: 'The action is not available in the feedback\'s current state',
    vi: 'Thao tác không khả dụng ở trạng thái hiện tại của phản ánh',
  },
  FEEDBACK_VERSION_CONFLICT: {
    status: 409,
    en: 'The feedback was changed by another request; read it again',
    vi: 'Phản ánh vừa được thay đổi bởi một yêu cầu khác; vui lòng tải lại',
  },
  FEEDBACK_UNIT_UNKNOWN: { status: 400, en: 'No unit has this code', vi: 'Không có đơn vị với mã này' },
  FEEDBACK_SUBMIT_FORBIDDEN: { status: 403, en: 'Only the portal integration delivers feedback here', vi: 'Chỉ kết nối Cổng Dịch vụ công quốc gia được chuyển phản ánh, kiến nghị qua đây' },
} as const satisfies Record<`FEEDBACK_${string}`, ErrorEntry>;

/** Deadlines: apology letters, the deadline pass, the working calendar. */
export const DEADLINES_ERRORS = {
  APOLOGY_NOT_FOUND: { status: 404, en: 'No such apology letter', vi: 'Không tìm thấy thư xin lỗi' },
  APOLOGY_FORBIDDEN: {
    status: 403,
    en: 'Only an official of the unit holding the step may send the apology letter',
    vi: 'Chỉ cán bộ của đơn vị đang xử lý bước này được gửi thư xin lỗi',
  },
  APOLOGY_NO_RUNNING_STEP: { status: 409, en: 'The dossier has no step whose clock is running', vi: 'Hồ sơ không có bước nào đang tính thời hạn' },
  APOLOGY_ALREADY_GIVEN: {
    status: 409,
    en: 'The dossier already has an apology letter; a new return date is set only once',
    vi: 'Hồ sơ đã có thư xin lỗi; ngày hẹn trả chỉ được hẹn lại một lần',
  },
  APOLOGY_RETURN_DATE_INVALID: { status: 400, en: 'The new return date is not a date', vi: 'Ngày hẹn trả mới không đúng định dạng ngày' },
  APOLOGY_RETURN_DATE_IN_PAST: { status: 400, en: 'The new return date is not in the future', vi: 'Ngày hẹn trả mới không nằm trong tương lai' },
  APOLOGY_RETURN_DATE_TOO_FAR: { status: 400, en: 'The new return date is too far ahead', vi: 'Ngày hẹn trả mới quá xa' },
  APOLOGY_RETURN_DATE_NOT_WORKING_DAY: { status: 400, en: 'The new return date is not a working day', vi: 'Ngày hẹn trả mới không phải ngày làm việc' },
  APOLOGY_RETURN_DATE_OUTSIDE_OFFICE_HOURS: { status: 400, en: 'The new return time is outside office hours', vi: 'Giờ hẹn trả mới nằm ngoài giờ hành chính' },
  APOLOGY_RETURN_DATE_NOT_LATER: {
    status: 400,
    en: 'The new return date is not after the current due date',
    vi: 'Ngày hẹn trả mới không sau ngày hẹn trả hiện tại',
  },
  APOLOGY_TOO_LATE: {
    status: 422,
    en: 'Too late for an apology letter: it is sent at least one working day before the appointed return date',
    vi: 'Đã quá thời hạn gửi thư xin lỗi: phải gửi chậm nhất một ngày làm việc trước ngày hẹn trả theo quy định',
  },
  DEADLINES_NOW_INVALID: {
    status: 400,
    en: '--now is neither a date nor an ISO 8601 time with an offset',
    vi: '--now không phải ngày hoặc thời điểm ISO 8601 có múi giờ',
  },
  DEADLINES_NOW_OUT_OF_RANGE: { status: 400, en: '--now falls outside the working calendar', vi: '--now nằm ngoài lịch làm việc' },
  CALENDAR_NAME_REQUIRED: { status: 400, en: 'A day off needs a name', vi: 'Ngày nghỉ cần có tên' },
  CALENDAR_YEAR_INVALID: { status: 400, en: 'The year is outside the working calendar', vi: 'Năm nằm ngoài lịch làm việc' },
  CALENDAR_DATE_INVALID: {
    status: 400,
    en: 'The date is not a calendar date within the working calendar',
    vi: 'Ngày không hợp lệ hoặc nằm ngoài lịch làm việc',
  },
  CALENDAR_DAY_NOT_FOUND: { status: 404, en: 'No day off or working day is stored for this date', vi: 'Không có ngày nghỉ hoặc ngày làm bù nào được lưu cho ngày này' },
  APOLOGY_SIGNER_NOT_AUTHORISED: { status: 403, en: 'Only an official who may sign for the unit sends the apology letter', vi: 'Chỉ cán bộ được ký thay mặt cơ quan mới gửi phiếu xin lỗi' },
} as const satisfies Record<`APOLOGY_${string}` | `DEADLINES_${string}` | `CALENDAR_${string}`, ErrorEntry>;

/** The portal side: outbox administration and the citizens' dossier lookup. */
export const PORTAL_ERRORS = {
  PUBLIC_DOSSIER_NOT_FOUND: {
    status: 404,
    en: 'No dossier has this code and tax code',
    vi: 'Không có hồ sơ với mã hồ sơ và mã số thuế này',
  },
  OUTBOX_MESSAGE_NOT_FOUND: { status: 404, en: 'No such outbox message', vi: 'Không có thông điệp này trong hàng đợi gửi' },
  OUTBOX_MESSAGE_NOT_FAILED: { status: 409, en: 'Only a failed message can be retried', vi: 'Chỉ thông điệp gửi thất bại mới được gửi lại' },
} as const satisfies Record<`PUBLIC_${string}` | `OUTBOX_${string}`, ErrorEntry>;

/** Reports. */
export const REPORTS_ERRORS = {
  REPORT_PERIOD_INVALID: { status: 400, en: 'The report period is invalid', vi: 'Kỳ báo cáo không hợp lệ' },
  REPORT_UNIT_NOT_FOUND: { status: 404, en: 'No unit has this code', vi: 'Không có đơn vị với mã này' },
  REPORT_UNIT_FORBIDDEN: { status: 403, en: 'An official reads only the register of their own unit', vi: 'Cán bộ chỉ xem sổ theo dõi hồ sơ của đơn vị mình' },
} as const satisfies Record<`REPORT_${string}`, ErrorEntry>;

/** The admin CLI's own failures (a console, not HTTP: the status only classifies them). */
export const CLI_ERRORS = {
  CLI_USAGE: { status: 400, en: 'Unknown command, unknown option or missing argument', vi: 'Lệnh, tùy chọn không tồn tại hoặc thiếu tham số' },
  CLI_FAILED: { status: 400, en: 'The command refused its input', vi: 'Lệnh từ chối dữ liệu đầu vào' },
  CLI_ERROR: { status: 500, en: 'The command failed unexpectedly (DVC_CLI_DEBUG=1 prints the stack)', vi: 'Lệnh gặp lỗi không mong muốn (đặt DVC_CLI_DEBUG=1 để xem chi tiết)' },
  CONFIG_INVALID: { status: 500, en: 'The environment (configuration) is invalid', vi: 'Cấu hình môi trường không hợp lệ' },
  FILE_UNREADABLE: { status: 400, en: 'The file cannot be read', vi: 'Không đọc được tệp' },
  CSV_NOT_UTF8: {
    status: 415,
    en: 'The file is not UTF-8; save it as "CSV UTF-8 (Comma delimited)"',
    vi: 'Tệp không ở bảng mã UTF-8; hãy lưu thành "CSV UTF-8 (Comma delimited)"',
  },
  CSV_INVALID: { status: 400, en: 'The file is not a CSV with the expected header', vi: 'Tệp không phải CSV có dòng tiêu đề như yêu cầu' },
  IMPORT_REJECTED: { status: 422, en: 'Lines were rejected and --strict wrote nothing', vi: 'Có dòng bị từ chối nên --strict không ghi dòng nào' },
  DATABASE_BEHIND_MIGRATIONS: {
    status: 503,
    en: 'The database lacks migrations; run `npm run migration:run`',
    vi: 'Cơ sở dữ liệu chưa được cập nhật cấu trúc; hãy chạy `npm run migration:run`',
  },
  EMBEDDED_DATABASE_FAILED: {
    status: 503,
    en: 'The embedded PostgreSQL did not start',
    vi: 'Không khởi động được PostgreSQL nhúng',
  },
} as const satisfies Record<string, ErrorEntry>;

/** The whole catalogue, area by area as docs/api.md lists it. */
export const ERROR_AREAS = {
  http: HTTP_ERRORS,
  auth: AUTH_ERRORS,
  officials: OFFICIALS_ERRORS,
  procedures: PROCEDURES_ERRORS,
  dossiers: DOSSIERS_ERRORS,
  feedback: FEEDBACK_ERRORS,
  deadlines: DEADLINES_ERRORS,
  portal: PORTAL_ERRORS,
  reports: REPORTS_ERRORS,
  cli: CLI_ERRORS,
} as const;

type Areas = typeof ERROR_AREAS;
type Catalogue = { [A in keyof Areas]: Areas[A] }[keyof Areas];
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

export const ERRORS: UnionToIntersection<Catalogue> = Object.assign({}, ...Object.values(ERROR_AREAS));

export type ErrorCode = keyof typeof ERRORS;
export type StatusOf<C extends ErrorCode> = (typeof ERRORS)[C]['status'];
/** The codes registered with status S. */
export type CodeWithStatus<S extends ProblemStatus> = { [C in ErrorCode]: StatusOf<C> extends S ? C : never }[ErrorCode];

export function isErrorCode(value: string): value is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERRORS, value);
}
